import { createHmac, timingSafeEqual } from 'node:crypto';

/** RFC 6238 TOTP as Cognito and authenticator apps use it: SHA-1, 6 digits, 30-second steps. */
export const totpPeriodSeconds = 30;
const digits = 6;

const base32Alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export function base32Decode(input: string): Buffer {
  const clean = input.toUpperCase().replace(/[\s=]/g, '');
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const char of clean) {
    const index = base32Alphabet.indexOf(char);
    if (index < 0) throw new Error('Invalid base32 secret');
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

function hotp(key: Buffer, counter: number): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac('sha1', key).update(message).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  const binary = (mac.readUInt32BE(offset) & 0x7fffffff) % 10 ** digits;
  return String(binary).padStart(digits, '0');
}

export function timeStep(atMs: number): number {
  return Math.floor(atMs / 1000 / totpPeriodSeconds);
}

/** The code for a time step (the current one by default). */
export function totpCode(secretBase32: string, step = timeStep(Date.now())): string {
  return hotp(base32Decode(secretBase32), step);
}

/**
 * The time step a code belongs to, checking the current step and one either side (clock drift),
 * or null when the code matches none of them.
 */
export function matchTotp(secretBase32: string, code: string, atMs = Date.now(), window = 1): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const key = base32Decode(secretBase32);
  const now = timeStep(atMs);
  let matched: number | null = null;
  for (let step = now - window; step <= now + window; step++) {
    // No early exit: every candidate is computed and compared in constant time.
    if (timingSafeEqual(Buffer.from(hotp(key, step)), Buffer.from(code)) && matched === null) matched = step;
  }
  return matched;
}

/** `otpauth://totp/…` for authenticator apps (the web renders it as a QR code). */
export function otpauthUri(secretBase32: string, account: string, issuer = 'CloudManager'): string {
  const label = `${encodeURIComponent(issuer)}:${encodeURIComponent(account)}`;
  const params = new URLSearchParams({ secret: secretBase32, issuer, algorithm: 'SHA1', digits: String(digits), period: String(totpPeriodSeconds) });
  return `otpauth://totp/${label}?${params.toString()}`;
}
