import * as z from 'zod';
import { webRuntimeConfig } from '../../shared/system/web-config';

/** What the host serves at /config.json (schema shared with CDK and the local twin). */
export const runtimeConfig = webRuntimeConfig;

export type RuntimeConfig = z.infer<typeof runtimeConfig>;
export type AppConfig = RuntimeConfig & { source: 'runtime' | 'env' };

/** Thrown when /config.json exists but is not a valid config: a broken deployment, never silently ignored. */
export class ConfigLoadError extends Error {
  constructor(readonly issues: string[]) {
    super(`Invalid /config.json: ${issues.join('; ')}`);
    this.name = 'ConfigLoadError';
  }
}

export const DEFAULT_API_URL = 'http://localhost:3000';

/** Build-time defaults (Vite env), used when no /config.json is served (local dev). */
export function envConfig(env: ImportMetaEnv = import.meta.env): RuntimeConfig {
  const { VITE_COGNITO_REGION: region, VITE_COGNITO_USER_POOL_ID: userPoolId } = env;
  const userPoolClientId = env.VITE_COGNITO_USER_POOL_CLIENT_ID;
  const cognito =
    region && userPoolId && userPoolClientId
      ? { region, userPoolId, userPoolClientId, ...(env.VITE_COGNITO_ENDPOINT ? { endpoint: env.VITE_COGNITO_ENDPOINT } : {}) }
      : undefined;
  return runtimeConfig.parse({ apiUrl: env.VITE_API_URL || DEFAULT_API_URL, ...(cognito ? { cognito } : {}) });
}

/**
 * Resolves the app config once at start-up:
 * 1. `/config.json` from the host (production: S3/CloudFront), validated;
 * 2. otherwise (absent, or the dev server's SPA fallback answering HTML) the Vite env default.
 */
export async function loadConfig(fetchImpl: typeof fetch = (...args) => fetch(...args)): Promise<AppConfig> {
  let response: Response;
  try {
    response = await fetchImpl('/config.json', { cache: 'no-store', headers: { accept: 'application/json' } });
  } catch {
    return { ...envConfig(), source: 'env' };
  }
  const isJson = (response.headers.get('content-type') ?? '').includes('json');
  if (!response.ok || !isJson) return { ...envConfig(), source: 'env' };

  let body: unknown;
  try {
    body = await response.json();
  } catch {
    throw new ConfigLoadError(['not valid JSON']);
  }
  const parsed = runtimeConfig.safeParse(body);
  if (!parsed.success) {
    throw new ConfigLoadError(parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`));
  }
  return { ...parsed.data, source: 'runtime' };
}
