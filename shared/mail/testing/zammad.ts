/**
 * The Zammad mail corpus (../shared/corpus/mail/zammad): each mailNNN.box with the parse result
 * Zammad expects (mailNNN.yml). Used by the parse-level and the end-to-end conformance tests.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { convert } from 'html-to-text';
import { parse, type Tags } from 'yaml';
import type { ParsedMail } from '../parsed.js';

export const zammadCorpusDir = join(process.cwd(), '../shared/corpus/mail/zammad');

export interface ZammadAttachment {
  data: Uint8Array;
  filename?: string;
}

/** The keys of a .yml that we compare; a key absent from the file is not compared. */
export interface ZammadExpected {
  from_email?: string;
  from_display_name?: string;
  subject?: string;
  content_type?: string;
  body?: string;
  attachments?: ZammadAttachment[];
}

export interface ZammadMail {
  id: string;
  raw: Uint8Array;
  expected: ZammadExpected;
}

/** What the comparison needs from our side, whatever produced it (parser or full pipeline). */
export interface ZammadActual {
  fromEmail: string;
  fromName: string;
  subject: string;
  contentType: string;
  /** Plain text of the body. */
  text: string;
  /** Our sanitised HTML body, when the mail had one (compared instead of `text`). */
  html?: string;
  /** The original (unsanitised) HTML body, for its <title>, which Zammad counts as body text. */
  originalHtml?: string;
  attachments: Uint8Array[];
}

/** Ruby tags: hashes are plain maps, `!binary` is base64. */
const rubyTags: Tags = [
  {
    tag: '!ruby/hash:ActiveSupport::HashWithIndifferentAccess',
    collection: 'map',
    resolve: (map) => map,
  } as Tags[number],
  {
    tag: '!binary',
    resolve: (text: string) => new Uint8Array(Buffer.from(text.replace(/\s+/g, ''), 'base64')),
  } as Tags[number],
];

const toBytes = (data: unknown): Uint8Array =>
  data instanceof Uint8Array ? data : new Uint8Array(Buffer.from(String(data ?? ''), 'utf8'));

const asText = (value: unknown): string | undefined =>
  value === undefined || value === null
    ? undefined
    : value instanceof Uint8Array
      ? Buffer.from(value).toString('utf8')
      : String(value);

export function readExpected(ymlText: string): ZammadExpected {
  const doc = parse(ymlText, { customTags: rubyTags, logLevel: 'error' }) as Record<string, unknown>;
  const expected: ZammadExpected = {};
  for (const key of ['from_email', 'from_display_name', 'subject', 'content_type', 'body'] as const) {
    if (key in doc) expected[key] = asText(doc[key]) ?? '';
  }
  if (Array.isArray(doc.attachments)) {
    expected.attachments = doc.attachments.map((a: Record<string, unknown>) => ({
      data: toBytes(a.data),
      filename: asText(a.filename),
    }));
  }
  return expected;
}

export function loadZammadCorpus(dir = zammadCorpusDir): ZammadMail[] {
  return readdirSync(dir)
    .filter((name) => /^mail\d+.*\.box$/.test(name))
    .sort()
    .map((name) => {
      const id = name.replace(/\.box$/, '');
      return {
        id,
        raw: new Uint8Array(readFileSync(join(dir, name))),
        expected: readExpected(readFileSync(join(dir, `${id}.yml`), 'utf8')),
      };
    });
}

export const md5 = (bytes: Uint8Array) => createHash('md5').update(bytes).digest('hex');

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** Decodes numeric and named HTML entities (the rarer named ones through html-to-text). */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (all, ref: string) => {
    if (ref[0] === '#') {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : all;
    }
    return entities[ref.toLowerCase()] ?? convert(all, { wordwrap: false });
  });
}

/**
 * The fair body rule: visible words only. Tags are stripped (from the expected HTML, and from
 * ours in case), entities decoded, quote markers (`>` at a line start) dropped, every run of
 * whitespace (incl. nbsp and zero-width characters) removed, then the two strings must be equal.
 * Zammad also keeps the HTML <title> as body text; we drop <head>, so a body equal to our
 * text preceded by the original HTML's title matches too. `&lang;`/`&rang;` mean U+2329/U+232A
 * in HTML 4 (NFC: U+3008/U+3009) and U+27E8/U+27E9 in HTML 5: the angle brackets compare equal.
 */
export function visibleText(text: string, isHtml: boolean): string {
  let out = text;
  if (isHtml) {
    out = out
      .replace(/<(script|style)[\s\S]*?<\/\1\s*>/gi, '')
      .replace(/<!--[\s\S]*?-->/g, '')
      .replace(/<[^>]*>/g, ' ');
    out = decodeEntities(out);
  }
  return out
    .replace(/^[ \t]*(>[ \t]?)+/gm, '')
    .replace(/[\s\u00a0\u200b-\u200d\ufeff]+/g, '')
    .normalize('NFC')
    .replace(/[\u2329\u3008]/g, '\u27e8')
    .replace(/[\u232a\u3009]/g, '\u27e9');
}

/** Keys of `expected` that `actual` does not match (empty list = conformant). */
export function compareWithExpected(expected: ZammadExpected, actual: ZammadActual): string[] {
  const bad: string[] = [];
  if (expected.from_email !== undefined && expected.from_email.toLowerCase() !== actual.fromEmail.toLowerCase()) {
    bad.push('from_email');
  }
  if (expected.from_display_name !== undefined && expected.from_display_name !== actual.fromName) {
    bad.push('from_display_name');
  }
  // Leading/trailing whitespace (Zammad keeps a CRLF that starts an encoded word) is not content.
  if (expected.subject !== undefined && expected.subject.trim() !== actual.subject.trim()) bad.push('subject');
  if (expected.content_type !== undefined && expected.content_type !== actual.contentType) bad.push('content_type');
  if (expected.body !== undefined) {
    // Zammad writes this placeholder when a mail has no body text; ours is then empty.
    const body = /^\(?no visible content\)?$/.test(expected.body.trim()) ? '' : expected.body;
    const want = visibleText(body, expected.content_type === 'text/html');
    const ours = actual.html !== undefined ? visibleText(actual.html, true) : visibleText(actual.text, false);
    const title = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(actual.originalHtml ?? '')?.[1] ?? '';
    if (want !== ours && want !== visibleText(title, true) + ours) bad.push('body');
  }
  if (expected.attachments) {
    const ours = new Set(actual.attachments.map(md5));
    if (!expected.attachments.every((a) => ours.has(md5(a.data)))) bad.push('attachments');
  }
  return bad;
}

/** Our side of the comparison, from a parse result. */
export function zammadActual(parsed: ParsedMail): ZammadActual {
  const original = parsed.attachments.find((a) => a.originalBody);
  return {
    fromEmail: parsed.from.email,
    fromName: parsed.from.name,
    subject: parsed.subject,
    contentType: parsed.contentType,
    text: parsed.text,
    ...(parsed.html !== undefined ? { html: parsed.html } : {}),
    ...(original ? { originalHtml: new TextDecoder().decode(original.content) } : {}),
    attachments: parsed.attachments.map((a) => a.content),
  };
}
