/**
 * Charset decoding the MIME parser cannot do alone: UTF-7 (not a TextDecoder label), raw 8-bit
 * header bytes, unlabelled or mislabelled text (a statistical guess, else Windows-1252, a
 * superset of Latin-1).
 */
import iconv from 'iconv-lite';
import jschardet from 'jschardet';

const utf7Labels = /^(x-)?(unicode-1-1-)?utf-?7$/i;

export const isUtf7 = (charset: string | undefined | null) => !!charset && utf7Labels.test(charset.trim());

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
const windows1252 = new TextDecoder('windows-1252');

const has8bit = (bytes: Uint8Array) => bytes.some((b) => b >= 0x80);

/** `bytes` in `label` (TextDecoder, else iconv-lite), or undefined when they are not valid in it. */
function fatalDecode(bytes: Uint8Array, label: string): string | undefined {
  let decoder: TextDecoder;
  try {
    decoder = label === 'utf-8' ? strictUtf8 : new TextDecoder(label, { fatal: true });
  } catch {
    // Not a TextDecoder label (e.g. IBM855): iconv-lite maps every byte, so nothing to verify.
    return iconv.encodingExists(label) ? iconv.decode(Buffer.from(bytes), label) : undefined;
  }
  // The `replacement` decoder (ISO-2022-KR, HZ…) only ever yields U+FFFD.
  if (decoder.encoding === 'replacement') return undefined;
  try {
    return decoder.decode(bytes);
  } catch {
    return undefined;
  }
}

/**
 * The statistical guess (jschardet, a port of Mozilla's universal charset detector, as Zammad's
 * rchardet) for bytes whose label is missing, unknown or wrong: the text when the guess reaches
 * the detector's own minimum confidence (0.2) and decodes the bytes strictly.
 */
export function decodeDetected(bytes: Uint8Array): string | undefined {
  const guess = jschardet.detect(Buffer.from(detectionSample(bytes)));
  const label = guess?.encoding?.toLowerCase();
  return label && label !== 'ascii' ? fatalDecode(bytes, label) : undefined;
}

/**
 * The charsets to try for bytes labelled `label`: ISO-2022-JP is 7-bit by definition, so 8-bit
 * bytes under that label are Japanese in one of the other two encodings (Shift_JIS, EUC-JP).
 */
const candidatesFor = (label: string, bytes: Uint8Array): string[] =>
  /^(cs)?iso-?2022-?jp/.test(label) && has8bit(bytes) ? ['shift_jis', 'euc-jp', label] : [label];

/**
 * What the detector reads: all of a short text; of a long one, only the lines holding 8-bit
 * bytes (up to 32 KB). ASCII lines tell it nothing, and it costs time per byte.
 */
const sampleBytes = 32 * 1024;
function detectionSample(bytes: Uint8Array): Uint8Array {
  if (bytes.length <= sampleBytes) return bytes;
  const lines: Uint8Array[] = [];
  let size = 0;
  for (let i = 0; i < bytes.length && size < sampleBytes; i++) {
    if ((bytes[i] ?? 0) < 0x80) continue;
    const start = bytes.lastIndexOf(0x0a, i) + 1;
    const newline = bytes.indexOf(0x0a, i);
    const end = newline < 0 ? bytes.length : newline + 1;
    lines.push(bytes.subarray(start, Math.min(end, start + sampleBytes - size)));
    size += end - start;
    i = end - 1;
  }
  return lines.length ? Buffer.concat(lines) : bytes.subarray(0, sampleBytes);
}

/** Whether `bytes[i]` is a UTF-8 continuation byte within [lo, hi]. */
function isContinuation(bytes: Uint8Array, i: number, lo = 0x80, hi = 0xbf): boolean {
  const c = bytes[i];
  return c !== undefined && c >= lo && c <= hi;
}

/** Length of the valid UTF-8 sequence at `i` (RFC 3629), or 0. */
function utf8SequenceLength(bytes: Uint8Array, i: number): number {
  const b = bytes[i] ?? 0;
  if (b < 0x80) return 1;
  if (b >= 0xc2 && b <= 0xdf) return isContinuation(bytes, i + 1) ? 2 : 0;
  if (b >= 0xe0 && b <= 0xef) {
    const lo = b === 0xe0 ? 0xa0 : 0x80;
    const hi = b === 0xed ? 0x9f : 0xbf;
    return isContinuation(bytes, i + 1, lo, hi) && isContinuation(bytes, i + 2) ? 3 : 0;
  }
  if (b >= 0xf0 && b <= 0xf4) {
    const lo = b === 0xf0 ? 0x90 : 0x80;
    const hi = b === 0xf4 ? 0x8f : 0xbf;
    return isContinuation(bytes, i + 1, lo, hi) && isContinuation(bytes, i + 2) && isContinuation(bytes, i + 3) ? 4 : 0;
  }
  return 0;
}

/**
 * UTF-8 with stray bytes: at least as many valid multi-byte UTF-8 sequences as bytes that fit no
 * sequence. Such text is UTF-8 with damage (a pasted Windows-1252 quote, a cut sequence), not
 * another charset: decoding all of it as a guessed charset would garble every valid character.
 */
export function isMostlyUtf8(bytes: Uint8Array): boolean {
  let valid = 0;
  let invalid = 0;
  for (let i = 0; i < bytes.length; ) {
    const length = utf8SequenceLength(bytes, i);
    if (length > 1) valid++;
    else if (!length) invalid++;
    i += length || 1;
  }
  return valid > 0 && valid >= invalid;
}

/**
 * UTF-8 with stray bytes (see isMostlyUtf8): the valid sequences are UTF-8, each invalid byte
 * is read as Windows-1252 instead of becoming U+FFFD.
 */
export function decodeUtf8Lenient(bytes: Uint8Array): string {
  const out: string[] = [];
  let run = 0;
  for (let i = 0; i < bytes.length; ) {
    const length = utf8SequenceLength(bytes, i);
    if (length) {
      i += length;
      continue;
    }
    out.push(strictUtf8.decode(bytes.subarray(run, i)), windows1252.decode(bytes.subarray(i, i + 1)));
    run = ++i;
  }
  out.push(strictUtf8.decode(bytes.subarray(run)));
  return out.join('');
}

/**
 * Bytes whose charset is unknown (raw 8-bit headers, unlabelled parts): UTF-8 when valid, else
 * the first of the `hints` (charsets the message declares elsewhere) that decodes them, else
 * UTF-8 with stray bytes, else the detector's guess, else Windows-1252.
 */
export function decodeUnlabelled(bytes: Uint8Array, hints: readonly string[] = []): string {
  if (!has8bit(bytes)) return windows1252.decode(bytes);
  for (const label of ['utf-8', ...hints.flatMap((hint) => candidatesFor(hint, bytes))]) {
    const text = fatalDecode(bytes, label);
    if (text !== undefined) return text;
  }
  if (isMostlyUtf8(bytes)) return decodeUtf8Lenient(bytes);
  return decodeDetected(bytes) ?? windows1252.decode(bytes);
}

/**
 * Bytes in a declared charset; a label that decodes them strictly is always kept. UTF-8 that is
 * not valid: UTF-8 with stray bytes (isMostlyUtf8), else the detector's guess, else stray bytes
 * anyway. Other labels: the label's usual stand-ins (see candidatesFor), then UTF-8, then the
 * detector's guess, else the label with replacement characters. Unknown labels are treated as
 * unlabelled.
 */
export function decodeCharset(bytes: Uint8Array, charset: string | undefined | null): string {
  const label = (charset ?? '').trim().toLowerCase();
  if (!label) return decodeUnlabelled(bytes);
  if (isUtf7(label)) return iconv.decode(Buffer.from(bytes), 'utf-7');
  let known: TextDecoder;
  try {
    known = new TextDecoder(label);
  } catch {
    return iconv.encodingExists(label) ? iconv.decode(Buffer.from(bytes), label) : decodeUnlabelled(bytes);
  }
  if (known.encoding === 'utf-8') {
    const text = fatalDecode(bytes, 'utf-8') ?? (isMostlyUtf8(bytes) ? undefined : decodeDetected(bytes));
    return text ?? decodeUtf8Lenient(bytes);
  }
  for (const candidate of [...candidatesFor(label, bytes), 'utf-8']) {
    const text = fatalDecode(bytes, candidate);
    if (text !== undefined) return text;
  }
  return decodeDetected(bytes) ?? known.decode(bytes);
}

function qDecode(text: string): Uint8Array {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i] ?? '';
    if (c === '_') bytes.push(0x20);
    else if (c === '=' && /^[0-9a-f]{2}$/i.test(text.slice(i + 1, i + 3))) {
      bytes.push(parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(c.charCodeAt(0) & 0xff);
  }
  return new Uint8Array(bytes);
}

/**
 * Decodes the RFC 2047 encoded words the MIME parser would get wrong: UTF-7 (it would give
 * Windows-1252 mojibake) and 8-bit bytes under ISO-2022-JP (see candidatesFor); other encoded
 * words are left for the parser's own decoder.
 */
export function decodeSpecialWords(value: string): string {
  return value.replace(/=\?([^?*]+)(?:\*[^?]*)?\?([qb])\?([^?]*)\?=/gi, (word, charset: string, enc: string, text: string) => {
    const bytes = enc.toLowerCase() === 'b' ? new Uint8Array(Buffer.from(text, 'base64')) : qDecode(text);
    const label = charset.trim().toLowerCase();
    if (isUtf7(label)) return decodeCharset(bytes, 'utf-7');
    return candidatesFor(label, bytes).length > 1 ? decodeCharset(bytes, label) : word;
  });
}
