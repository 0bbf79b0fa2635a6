import { useMemo } from 'react';

/** What the frame may load: inline data, and images over https (remote ones only once shown), nothing else; no scripts at all. */
const basePolicy = "default-src 'none'; img-src data: blob: https:; style-src 'unsafe-inline'";

/**
 * The mail's HTML prepared for display. The API already sanitised it; this drops active elements again and swaps image
 * sources, in an inert parsed copy (DOMParser runs no script and loads no image):
 * - `data-remote-src` becomes `src` when `showRemote` (remote images stay off until asked for);
 * - `cid:<contentId>` becomes the attachment's download link when one is given, else the image is dropped.
 */
export function prepareMailHtml(html: string, options: { showRemote: boolean; inlineImages: Readonly<Record<string, string>> }): string {
  const doc = new DOMParser().parseFromString(`<!doctype html><html><body>${html}</body></html>`, 'text/html');
  // A second fence behind the API's sanitiser: nothing that could run, navigate or change the frame's policy.
  for (const el of Array.from(doc.body.querySelectorAll('script, meta, base, link, iframe, frame, object, embed, form, svg, math'))) el.remove();
  for (const img of Array.from(doc.querySelectorAll('img[data-remote-src]'))) {
    const remote = img.getAttribute('data-remote-src') ?? '';
    if (options.showRemote && /^https:\/\//i.test(remote)) img.setAttribute('src', remote);
  }
  for (const img of Array.from(doc.querySelectorAll('img[src]'))) {
    const src = img.getAttribute('src') ?? '';
    if (!/^cid:/i.test(src)) continue;
    const url = options.inlineImages[src.slice(4).replace(/^<|>$/g, '').toLowerCase()];
    if (url) img.setAttribute('src', url);
    else img.removeAttribute('src');
  }
  return doc.body.innerHTML;
}

/** The origins of our own download links (e.g. the local twin's http S3), allowed as image sources on top of https. */
function imageOrigins(inlineImages: Readonly<Record<string, string>>): string {
  const origins = new Set<string>();
  for (const url of Object.values(inlineImages)) {
    try {
      const { protocol, origin } = new URL(url);
      if (protocol === 'http:' || protocol === 'https:') origins.add(origin);
    } catch {
      // not a URL: never used as a source anyway
    }
  }
  return [...origins].join(' ');
}

/** A rough height for the content (a sandboxed frame cannot be measured): lines of text and images, within bounds. */
export function estimateHeight(html: string): number {
  const text = html.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').length;
  const blocks = (html.match(/<(p|div|br|li|tr|h[1-6]|blockquote)\b/gi) ?? []).length;
  const images = (html.match(/<img\b/gi) ?? []).length;
  return Math.round(Math.min(640, Math.max(120, 40 + (text / 90 + blocks) * 21 + images * 160)));
}

/**
 * Mail HTML inside a sandboxed frame: no scripts, no same-origin access (the frame is an opaque
 * origin), links open in a new tab without access back, and a restrictive CSP as a second fence.
 */
export function MailFrame({
  html,
  title,
  showRemote = false,
  inlineImages = {},
  testId = 'mail-frame',
  height,
}: {
  html: string;
  title: string;
  showRemote?: boolean;
  inlineImages?: Readonly<Record<string, string>>;
  testId?: string;
  /** Fixed height in px; by default estimated from the content. */
  height?: number;
}) {
  const srcDoc = useMemo(() => {
    const body = prepareMailHtml(html, { showRemote, inlineImages });
    const extra = imageOrigins(inlineImages);
    const policy = extra ? basePolicy.replace('img-src data: blob: https:', `img-src data: blob: https: ${extra}`) : basePolicy;
    return (
      '<!doctype html><html><head><meta charset="utf-8">' +
      `<meta http-equiv="Content-Security-Policy" content="${policy}">` +
      '<meta name="referrer" content="no-referrer"><base target="_blank">' +
      '<style>body{margin:8px;font:14px/1.5 system-ui,sans-serif;color:#222;overflow-wrap:anywhere}img{max-width:100%;height:auto}' +
      'blockquote{margin:0 0 0 8px;padding-inline-start:8px;border-inline-start:3px solid #ccc;color:#555}</style>' +
      `</head><body dir="auto">${body}</body></html>`
    );
  }, [html, showRemote, inlineImages]);
  return (
    <iframe
      title={title}
      data-testid={testId}
      sandbox="allow-popups allow-popups-to-escape-sandbox"
      referrerPolicy="no-referrer"
      srcDoc={srcDoc}
      style={{ width: '100%', height: height ?? estimateHeight(html), border: '1px solid var(--mantine-color-default-border)', borderRadius: 4, background: '#fff' }}
    />
  );
}
