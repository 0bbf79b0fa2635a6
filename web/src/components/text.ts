import type { TFunction } from 'i18next';

/** A translation whose key is only known at run time (an API enum value), falling back to the raw value. */
export function tOr(t: TFunction, key: string, fallback: string, values: Record<string, string> = {}): string {
  const translate = t as unknown as (key: string, options: Record<string, string>) => string;
  return translate(key, { ...values, defaultValue: fallback });
}

/** "Firefox on Linux" from a user-agent string (good enough to recognise one's own devices). */
export function describeUserAgent(ua: string | null | undefined): { browser?: string; os?: string } {
  if (!ua) return {};
  const browser = /Edg\//.test(ua)
    ? 'Edge'
    : /OPR\//.test(ua)
      ? 'Opera'
      : /Firefox\//.test(ua)
        ? 'Firefox'
        : /Chrom(e|ium)\//.test(ua)
          ? 'Chrome'
          : /Safari\//.test(ua)
            ? 'Safari'
            : /curl|node|undici|axios/i.test(ua)
              ? 'API client'
              : undefined;
  const os = /Android/.test(ua)
    ? 'Android'
    : /iPhone|iPad|iOS/.test(ua)
      ? 'iOS'
      : /Windows/.test(ua)
        ? 'Windows'
        : /Mac OS X|Macintosh/.test(ua)
          ? 'macOS'
          : /Linux|X11/.test(ua)
            ? 'Linux'
            : undefined;
  return { ...(browser ? { browser } : {}), ...(os ? { os } : {}) };
}
