/**
 * Raw email → ParsedMail. postal-mime does the MIME walk; headers are read from the raw bytes
 * here (raw 8-bit headers: UTF-8 when valid, else Windows-1252). Never throws: a message that
 * cannot be parsed comes back `broken` with the raw bytes attached as `original-message.eml`.
 */
import PostalMime, { addressParser, decodeWords, type Email } from 'postal-mime';
import { convert } from 'html-to-text';
import { normaliseMessageId } from '../db/entities/mail-thread-key.js';
import { displayFileName } from '../uploads/file-types.js';
import { decodeCharset, decodeSpecialWords, decodeUnlabelled, isUtf7 } from './charsets.js';
import { classifyMail } from './classify.js';
import type { MailAddress, ParsedAttachment, ParsedMail } from './parsed.js';
import { findQuoteStart } from './quotes.js';
import { sanitizeMailHtml } from './sanitize.js';

// ---- postal-mime hooks --------------------------------------------------------------------
// Hooks into postal-mime's (internal) part collection, checked against 4.0.0 by
// shared/mail/corpus.test.ts:
// - the first HTML part is the body, kept as written for the `message.html` copy; further HTML
//   parts become attachments;
// - postal-mime hands a part its lines without their CR/LF and adds LF after each, which
//   corrupts binary data: the raw body range of every part is recorded, and 8bit, binary and
//   quoted-printable attachments are re-read from the raw bytes (see senderBytes); the line
//   break before the next boundary is not content (RFC 2046 5.1.1);
// - `x-uuencode` parts are decoded;
// - text parts are decoded with our charset rules (UTF-7, mislabelled charsets: charsets.ts).
interface MimeNodeInternals {
  state: string;
  headers: { key: string }[];
  contentDisposition: { parsed: { value: string } };
  parentNode?: unknown;
  contentType: { parsed: { value: string; params: Record<string, string> }; multipart: string | false };
  contentTransferEncoding: { encoding: string };
  contentId?: string;
  content: ArrayBuffer | null;
  getTextContent(): string;
  decodeFlowedText(text: string, delSp: boolean): string;
  feed(line: Uint8Array): void;
}

type InlinePiece = { text: string } | { contentId: string };

interface ParserInternals {
  /** The HTML body parts, in order, as their sender wrote them (our addition). */
  htmlParts?: string[];
  /** Plain-text parts and inline images outside multipart/alternative, in order (our addition). */
  inlineSequence?: InlinePiece[];
  /** Where each part's body lies in `av`, line breaks included (our addition). */
  rawBodies?: Map<MimeNodeInternals, { start: number; end: number }>;
  av: Uint8Array;
  readPos: number;
  currentNode: MimeNodeInternals;
  processLine(line: Uint8Array, isFinal: boolean): Promise<void>;
  collectNode(node: MimeNodeInternals, alternative: unknown, related: boolean): Promise<void>;
  collectAttachment(node: MimeNodeInternals, content: ArrayBuffer, related: boolean, exceeded: boolean): void;
}

const hexValue = (byte: number | undefined): number => {
  if (byte === undefined) return -1;
  if (byte >= 0x30 && byte <= 0x39) return byte - 0x30;
  const lower = byte | 0x20;
  return lower >= 0x61 && lower <= 0x66 ? lower - 0x57 : -1;
};

/** Quoted-printable → bytes; hard line breaks stay as the sender wrote them (CRLF or LF). */
export function decodeQuotedPrintable(bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(bytes.length);
  let n = 0;
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i] ?? 0;
    if (byte === 0x3d) {
      const high = hexValue(bytes[i + 1]);
      const low = hexValue(bytes[i + 2]);
      if (high >= 0 && low >= 0) {
        out[n++] = (high << 4) | low;
        i += 2;
        continue;
      }
      // A soft line break: `=`, optional transport padding, then the line break (or the end).
      let j = i + 1;
      while (bytes[j] === 0x20 || bytes[j] === 0x09) j++;
      if (j >= bytes.length) break;
      if (bytes[j] === 0x0a || (bytes[j] === 0x0d && bytes[j + 1] === 0x0a)) {
        i = bytes[j] === 0x0d ? j + 1 : j;
        continue;
      }
    }
    out[n++] = byte;
  }
  return out.slice(0, n);
}

/** Decodes uuencoded lines (with or without the `begin`/`end` frame). */
export function uudecode(text: string): Uint8Array {
  const out: number[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (!line || /^(begin\s|end\s*$)/.test(line)) continue;
    const length = (line.charCodeAt(0) - 32) & 63;
    if (!length) continue;
    const chars = [...line.slice(1)].map((c) => (c.charCodeAt(0) - 32) & 63);
    for (let i = 0, n = 0; n < length; i += 4) {
      const [a = 0, b = 0, c = 0, d = 0] = chars.slice(i, i + 4);
      const bytes = [(a << 2) | (b >> 4), ((b & 15) << 4) | (c >> 2), ((c & 3) << 6) | d];
      for (const byte of bytes) if (n++ < length) out.push(byte & 0xff);
    }
  }
  return new Uint8Array(out);
}

function withoutBoundaryBreak(bytes: Uint8Array): Uint8Array {
  let end = bytes.length;
  if (end && bytes[end - 1] === 0x0a) end--;
  if (end && bytes[end - 1] === 0x0d) end--;
  return bytes.subarray(0, end);
}

const toArrayBuffer = (bytes: Uint8Array): ArrayBuffer =>
  bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;

class MailMimeParser extends PostalMime {}
const base = PostalMime.prototype as unknown as ParserInternals;
const own = MailMimeParser.prototype as unknown as ParserInternals;

own.processLine = function (this: ParserInternals, line, isFinal) {
  const node = this.currentNode;
  if (!Object.hasOwn(node, 'feed')) {
    // Every line reaches a part through `feed` while that part is the current node.
    const parser = this;
    const feed = node.feed;
    node.feed = function (this: MimeNodeInternals, bytes: Uint8Array) {
      if (this.state === 'body') {
        const bodies = (parser.rawBodies ??= new Map());
        const range = bodies.get(this);
        if (range) range.end = parser.readPos;
        else bodies.set(this, { start: bytes.byteOffset, end: parser.readPos });
      }
      feed.call(this, bytes);
    };
  }
  return base.processLine.call(this, line, isFinal);
};

own.collectNode = function (this: ParserInternals, node, alternative, related) {
  if (!node.contentType.multipart) {
    // Our charset rules (charsets.ts) instead of a plain TextDecoder; format=flowed as before.
    const { charset, format, delsp } = node.contentType.parsed.params;
    node.getTextContent = () => {
      const text = node.content ? decodeCharset(new Uint8Array(node.content), charset) : '';
      return /^flowed$/i.test(format ?? '') ? node.decodeFlowedText(text, /^yes$/i.test(delsp ?? '')) : text;
    };
  }
  const type = node.contentType.parsed.value;
  if (!node.contentType.multipart && !alternative && node.contentDisposition.parsed.value !== 'attachment') {
    if (type === 'text/plain') (this.inlineSequence ??= []).push({ text: node.getTextContent() });
    const contentId = node.contentId?.replace(/^<|>$/g, '').trim();
    if (type.startsWith('image/') && contentId) (this.inlineSequence ??= []).push({ contentId });
  }
  if (!node.contentType.multipart && type === 'text/html' && node.content) {
    if (node.contentDisposition.parsed.value !== 'attachment') {
      // Only the first HTML part is the body; further ones are kept as attachments (as Zammad does).
      if (this.htmlParts?.length) return Promise.resolve(this.collectAttachment(node, node.content, related, false));
      const text = node.getTextContent();
      const inMultipart = !!node.parentNode && node.contentTransferEncoding.encoding !== 'base64';
      const own = inMultipart ? text.replace(/\r?\n$/, '') : text;
      (this.htmlParts ??= []).push(own.replace(/\r\n/g, '\n'));
    }
  }
  return base.collectNode.call(this, node, alternative, related);
};

/**
 * An 8bit, binary or quoted-printable part's body as the sender wrote it: the raw bytes, or the
 * decoded quoted-printable with its line breaks. 7bit data is lines of text by definition
 * (RFC 2045 2.7): postal-mime's LF-only lines are kept for it (and base64 is decoded exactly).
 */
function senderBytes(parser: ParserInternals, node: MimeNodeInternals, encoding: string): Uint8Array | undefined {
  const range = parser.rawBodies?.get(node);
  // postal-mime says `8bit` when the header is missing; RFC 2045's default is 7bit.
  const declared = node.headers.some((h) => h.key === 'content-transfer-encoding');
  if (!range || !declared || /^7bit$|base64/.test(encoding)) return undefined;
  let bytes = parser.av.subarray(range.start, range.end);
  if (node.parentNode) bytes = withoutBoundaryBreak(bytes);
  return /quoted-printable/.test(encoding) ? decodeQuotedPrintable(bytes) : bytes.slice();
}

own.collectAttachment = function (this: ParserInternals, node, content, related, exceeded) {
  const encoding = node.contentTransferEncoding.encoding;
  let bytes = content;
  if (/^(x-)?uu(encode|e)?$/.test(encoding)) {
    bytes = toArrayBuffer(uudecode(new TextDecoder('latin1').decode(content)));
  } else if (!/base64/.test(encoding)) {
    const exact = senderBytes(this, node, encoding);
    if (exact) bytes = toArrayBuffer(exact);
    else if (node.parentNode) bytes = toArrayBuffer(withoutBoundaryBreak(new Uint8Array(content)));
  }
  base.collectAttachment.call(this, node, bytes, related, exceeded);
};

interface MimeResult {
  email: Email;
  htmlParts: string[];
  inlineSequence: InlinePiece[];
}

async function parseMime(raw: Uint8Array): Promise<MimeResult> {
  const parser = new MailMimeParser({ forceRfc822Attachments: true, attachmentEncoding: 'arraybuffer' });
  const email = await parser.parse(raw);
  const internals = parser as unknown as ParserInternals;
  return { email, htmlParts: internals.htmlParts ?? [], inlineSequence: internals.inlineSequence ?? [] };
}

// ---- headers ------------------------------------------------------------------------------

export interface RawHeader {
  key: string;
  value: string;
}

/** Where the top-level header block ends (index of the body), or the whole input if no blank line. */
function headerEnd(raw: Uint8Array): { headerBytes: number; bodyStart: number } {
  for (let i = 0; i < raw.length; i++) {
    if (raw[i] !== 0x0a) continue;
    if (raw[i + 1] === 0x0a) return { headerBytes: i, bodyStart: i + 2 };
    if (raw[i + 1] === 0x0d && raw[i + 2] === 0x0a) return { headerBytes: i, bodyStart: i + 3 };
  }
  return { headerBytes: raw.length, bodyStart: raw.length };
}

/** Charsets the message declares (for raw 8-bit headers), in order, without duplicates. */
function declaredCharsets(raw: Uint8Array): string[] {
  const text = new TextDecoder('latin1').decode(raw.subarray(0, 64 * 1024));
  const labels = [...text.matchAll(/charset\s*=\s*"?([\w.:-]+)/gi)].map((m) => (m[1] ?? '').toLowerCase());
  const candidates = [...new Set(labels)].filter((l) => !/^(utf-?8|us-ascii)$/.test(l) && !isUtf7(l));
  // Multi-byte charsets first: a single-byte one decodes anything, so it can only be a last resort.
  const multiByte = (l: string) => /gb|big5|jis|euc|2022|ks_c|korean|utf-?16/.test(l);
  return [...candidates.filter(multiByte), ...candidates.filter((l) => !multiByte(l))];
}

/** The top-level headers, unfolded, each decoded on its own (UTF-8, a declared charset, or Windows-1252). */
export function readRawHeaders(raw: Uint8Array): RawHeader[] {
  const { headerBytes } = headerEnd(raw);
  const hints = declaredCharsets(raw);
  const lines: Uint8Array[] = [];
  let start = 0;
  for (let i = 0; i <= headerBytes; i++) {
    if (i === headerBytes || raw[i] === 0x0a) {
      let end = i;
      if (end > start && raw[end - 1] === 0x0d) end--;
      lines.push(raw.subarray(start, end));
      start = i + 1;
    }
  }
  const headers: RawHeader[] = [];
  for (const bytes of lines) {
    const line = decodeUnlabelled(bytes, hints);
    const previous = headers[headers.length - 1];
    if (/^[ \t]/.test(line) && previous) {
      previous.value += line;
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0 || /\s/.test(line.slice(0, colon).trim())) continue;
    headers.push({ key: line.slice(0, colon).trim().toLowerCase(), value: line.slice(colon + 1).trim() });
  }
  return headers;
}

const decodeHeader = (value: string) => decodeWords(decodeSpecialWords(value));

function addresses(headers: RawHeader[], key: string): MailAddress[] {
  const out: MailAddress[] = [];
  for (const h of headers) {
    if (h.key !== key || !h.value) continue;
    // `MAILER-DAEMON (Mail Delivery System)`: a bare local name with a comment.
    const bare = /^([^\s@()<>",;]+)\s*\(([^()]*)\)\s*$/.exec(h.value.trim());
    if (bare) {
      out.push({ email: (bare[1] ?? '').toLowerCase(), name: decodeHeader(bare[2] ?? '').trim() });
      continue;
    }
    for (const a of addressParser(decodeSpecialWords(h.value), { flatten: true })) {
      if (!a.address) continue;
      out.push({ email: a.address.trim().toLowerCase(), name: decodeHeader(a.name ?? '').trim() });
    }
  }
  return out;
}

/**
 * A From that names no mailbox: a quoted string alone (`"someone@example.com"`) or unbalanced
 * angle brackets (`"Name"@example.com>`). Guessing an address out of it would answer whoever
 * the guess hits (backscatter), so it is kept as written (see MailAddress.verbatim).
 */
function verbatimFrom(headers: RawHeader[]): MailAddress | undefined {
  const value = headers.find((h) => h.key === 'from')?.value.trim();
  if (!value) return undefined;
  const quotedOnly = /^"[^"]*"$/.test(value);
  const unbalanced = (value.match(/</g)?.length ?? 0) !== (value.match(/>/g)?.length ?? 0);
  if (!quotedOnly && !unbalanced) return undefined;
  const written = decodeHeader(value);
  const name = written.replace(/"/g, '').trim();
  return { email: written, name: /^[^\s@]+@[^\s@]+$/.test(name) ? '' : name, verbatim: true };
}

/** From; when it has no address, Reply-To, Sender, then Return-Path. */
const senderOf = (headers: RawHeader[]): MailAddress =>
  verbatimFrom(headers) ??
  ['from', 'reply-to', 'sender', 'return-path'].map((key) => addresses(headers, key)[0]).find((a) => a?.email) ?? {
    email: '',
    name: '',
  };

const messageIds = (value: string | undefined): string[] =>
  value ? (value.match(/<[^<>\s]+>/g) ?? value.split(/[\s,]+/)).map(normaliseMessageId).filter(Boolean) : [];

// ---- body and attachments -----------------------------------------------------------------

const extensionByType: Record<string, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/jpg': 'jpg',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'application/pdf': 'pdf',
  'text/plain': 'txt',
  'text/html': 'html',
  'text/csv': 'csv',
  'message/rfc822': 'eml',
  'message/delivery-status': 'txt',
  'text/rfc822-headers': 'txt',
};

function fallbackName(contentType: string, index: number): string {
  const ext = extensionByType[contentType] ?? 'bin';
  return `${contentType.startsWith('image/') ? 'image' : 'attachment'}-${index}.${ext}`;
}

const toBytes = (content: Email['attachments'][number]['content']): Uint8Array =>
  typeof content === 'string' ? new TextEncoder().encode(content) : new Uint8Array(content);

function attachmentsOf(email: Email): ParsedAttachment[] {
  return email.attachments.map((a, i) => {
    const contentType = (a.mimeType || 'application/octet-stream').toLowerCase();
    const contentId = a.contentId ? a.contentId.replace(/^<|>$/g, '').trim() : undefined;
    const named = a.filename ? displayFileName(a.filename) : '';
    return {
      fileName: named && named !== 'file' ? named : fallbackName(contentType, i + 1),
      contentType,
      disposition: contentId && (a.related || a.disposition === 'inline') ? 'inline' : 'attachment',
      ...(contentId ? { contentId } : {}),
      content: toBytes(a.content),
    };
  });
}

/** html-to-text's options for a mail body (the bench measures the library with the same). */
export const htmlToTextOptions = {
  wordwrap: false as const,
  selectors: [
    { selector: 'a', options: { ignoreHref: true } },
    { selector: 'img', format: 'skip' },
    // Mail uses tables for layout: each cell as a block reads better than a text grid (and
    // costs about half the time of html-to-text's table layout).
    ...['table', 'tr', 'td', 'th'].map((selector) => ({ selector, format: 'block' })),
  ],
};

/**
 * Plain text of HTML. `<html>`/`<body>` tags are dropped first (and `<head>` with its content):
 * html-to-text reads only the first `<body>` element, so a stray empty `<body>` after the content
 * would otherwise lose the whole text.
 */
const htmlToText = (html: string) =>
  convert(html.replace(/<head\b[\s\S]*?<\/head\s*>/gi, '').replace(/<\/?(?:html|body)\b[^>]*>/gi, ''), htmlToTextOptions);

// ---- broken MIME --------------------------------------------------------------------------

function brokenMail(raw: Uint8Array, headers: RawHeader[]): ParsedMail {
  const { bodyStart } = headerEnd(raw);
  const first = (key: string) => headers.find((h) => h.key === key)?.value;
  const from = senderOf(headers);
  const ct = first('content-type') ?? '';
  const charset = /charset="?([^";\s]+)/i.exec(ct)?.[1];
  const text = /^\s*(text\/plain|$)/i.test(ct) ? decodeCharset(raw.subarray(bodyStart), charset) : '';
  return {
    ...baseFields(headers),
    from,
    contentType: 'text/plain',
    text,
    hasRemoteImages: false,
    attachments: [
      { fileName: 'original-message.eml', contentType: 'message/rfc822', disposition: 'attachment', content: raw },
    ],
    classification: 'human',
    broken: true,
  };
}

function baseFields(headers: RawHeader[]) {
  const first = (key: string) => headers.find((h) => h.key === key)?.value;
  const date = first('date');
  const parsedDate = date ? new Date(date) : undefined;
  const messageId = messageIds(first('message-id'))[0];
  return {
    ...(messageId ? { messageId } : {}),
    inReplyTo: messageIds(first('in-reply-to')),
    references: messageIds(first('references')),
    replyTo: addresses(headers, 'reply-to'),
    to: addresses(headers, 'to'),
    cc: addresses(headers, 'cc'),
    subject: decodeHeader(first('subject') ?? '').replace(/[\r\n]+/g, ' '),
    ...(parsedDate && !Number.isNaN(parsedDate.getTime()) ? { date: parsedDate.toISOString() } : {}),
    headers: Object.fromEntries([...headers].reverse().map((h) => [h.key, h.value])),
  };
}

// ---- entry point --------------------------------------------------------------------------

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

/**
 * The HTML to show. A mail without HTML whose text parts are interleaved with inline images
 * (Apple Mail: text, image, text) gets HTML with the images in place; an HTML body with no
 * visible text, no title and no embedded image (a lone remote pixel) counts as no HTML.
 */
function bodyHtml(email: Email, inlineSequence: InlinePiece[]): string | undefined {
  if (email.html === undefined) {
    const images = inlineSequence.some((piece) => 'contentId' in piece);
    if (!images || !inlineSequence.some((piece) => 'text' in piece)) return undefined;
    return inlineSequence
      .map((piece) =>
        'text' in piece
          ? `<p>${escapeHtml(piece.text.replace(/\r\n/g, '\n')).replace(/\n/g, '<br>')}</p>`
          : `<p><img src="cid:${escapeHtml(piece.contentId)}" alt=""></p>`,
      )
      .join('');
  }
  const embedded = /<img\b[^>]*\bsrc\s*=\s*["']?\s*(cid|data):/i.test(email.html);
  const title = /<title[^>]*>([^<]*\S[^<]*)<\/title>/i.test(email.html);
  return embedded || title || hasVisibleText(email.html) ? email.html : undefined;
}

/** Whether any character would show: tags, comments, head, style and script removed. */
const hasVisibleText = (html: string) =>
  /[^\s\u00a0\u200b-\u200d\ufeff]/.test(
    html
      .replace(/<(head|style|script)\b[\s\S]*?<\/\1\s*>/gi, '')
      .replace(/<!--[\s\S]*?-->/g, '')
      .replace(/<[^>]*>/g, '')
      .replace(/&(nbsp|#160|#xa0|zwnj|zwj|#8203|#x200b);/gi, ' '),
  );

export async function parseMail(raw: Uint8Array): Promise<ParsedMail> {
  const headers = readRawHeaders(raw);
  let mime: MimeResult;
  try {
    mime = await parseMime(raw);
  } catch {
    return brokenMail(raw, headers);
  }
  const { email, htmlParts } = mime;
  const fields = baseFields(headers);
  const from = senderOf(headers);
  const attachments = attachmentsOf(email);
  // Nothing came out of it: a multipart whose boundaries never appear, or no sender and no content.
  const empty = !email.text?.trim() && !email.html?.trim() && !attachments.length;
  const multipart = /^\s*multipart\//i.test(headers.find((h) => h.key === 'content-type')?.value ?? '');
  if (empty && (multipart || !from.email)) return brokenMail(raw, headers);

  const html = bodyHtml(email, mime.inlineSequence);
  const sanitized = html !== undefined ? sanitizeMailHtml(html) : undefined;
  const text = email.text ?? (sanitized ? htmlToText(sanitized.html) : '');
  if (htmlParts[0] !== undefined) {
    // The original HTML body, for an "original formatting" download (never rendered inline).
    attachments.push({
      fileName: 'message.html',
      contentType: 'text/html',
      disposition: 'attachment',
      originalBody: true,
      content: new TextEncoder().encode(htmlParts[0]),
    });
  }
  const quoteStart = findQuoteStart(text);
  const parsed: ParsedMail = {
    ...fields,
    from,
    contentType: sanitized ? 'text/html' : 'text/plain',
    text,
    ...(quoteStart !== undefined ? { quoteStart } : {}),
    ...(sanitized ? { html: sanitized.html } : {}),
    hasRemoteImages: sanitized?.hasRemoteImages ?? false,
    attachments,
    classification: 'human',
    broken: false,
  };
  const { classification, bounce } = classifyMail(parsed);
  return { ...parsed, classification, ...(bounce ? { bounce } : {}) };
}
