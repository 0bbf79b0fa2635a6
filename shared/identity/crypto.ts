import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes, randomInt, scrypt, timingSafeEqual } from 'node:crypto';
import * as z from 'zod';
import { ConfigError, parseEnv } from '../config.js';

/**
 * Secrets at rest for the identity module: one 256-bit master key (MFA_ENCRYPTION_KEY, hex or
 * base64) from which HKDF derives one key per purpose, so a sealed TOTP secret can never be opened
 * as a sign-in challenge and the code HMAC key is not the encryption key.
 */
const masterKey = z
  .string()
  .transform((value, ctx) => {
    const bytes = /^[0-9a-f]{64}$/i.test(value) ? Buffer.from(value, 'hex') : Buffer.from(value, 'base64');
    if (bytes.length !== 32) ctx.addIssue({ code: 'custom', message: 'must be 32 bytes, hex (64 characters) or base64' });
    return bytes;
  })
  .optional();

const env = parseEnv(z.object({ MFA_ENCRYPTION_KEY: masterKey }));

export type KeyPurpose = 'totp-secret' | 'challenge' | 'refresh-token' | 'code-hmac';

const keys = new Map<KeyPurpose, Buffer>();

function keyFor(purpose: KeyPurpose): Buffer {
  let key = keys.get(purpose);
  if (!key) {
    // Checked on first use so domains that never seal anything load without the key.
    if (!env.MFA_ENCRYPTION_KEY) throw new ConfigError(['MFA_ENCRYPTION_KEY: required by the identity module']);
    key = Buffer.from(hkdfSync('sha256', env.MFA_ENCRYPTION_KEY, Buffer.alloc(0), `cloudmanager/${purpose}`, 32));
    keys.set(purpose, key);
  }
  return key;
}

/** AES-256-GCM: `v1.<base64url(iv | ciphertext | tag)>`, the purpose bound as associated data. */
export function seal(purpose: Exclude<KeyPurpose, 'code-hmac'>, plaintext: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyFor(purpose), iv);
  cipher.setAAD(Buffer.from(purpose));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return `v1.${Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64url')}`;
}

/** The plaintext, or null when the value was not sealed by us for this purpose (tampered, foreign, garbage). */
export function unseal(purpose: Exclude<KeyPurpose, 'code-hmac'>, sealed: string): string | null {
  if (!sealed.startsWith('v1.')) return null;
  const raw = Buffer.from(sealed.slice(3), 'base64url');
  if (raw.length < 12 + 16) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', keyFor(purpose), raw.subarray(0, 12));
    decipher.setAAD(Buffer.from(purpose));
    decipher.setAuthTag(raw.subarray(raw.length - 16));
    return Buffer.concat([decipher.update(raw.subarray(12, raw.length - 16)), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}

/** HMAC-SHA256 of an emailed code, bound to its purpose and subject (a 6-digit code alone is trivially reversed). */
export function codeHash(purpose: string, subject: string, code: string): string {
  return createHmac('sha256', keyFor('code-hmac')).update(`${purpose}\n${subject}\n${code}`).digest('base64url');
}

export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('base64url');
}

/** Constant-time comparison of two strings. */
export function sameString(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function randomDigits(length: number): string {
  return Array.from({ length }, () => String(randomInt(10))).join('');
}

export function randomId(bytes = 16): string {
  return randomBytes(bytes).toString('base64url');
}

/** Backup codes: 10 characters without look-alikes (no 0/o, 1/l/i), shown as `xxxxx-xxxxx`. */
const backupAlphabet = 'abcdefghjkmnpqrstuvwxyz23456789';

export function newBackupCode(): string {
  const chars = Array.from({ length: 10 }, () => backupAlphabet[randomInt(backupAlphabet.length)]).join('');
  return `${chars.slice(0, 5)}-${chars.slice(5)}`;
}

/** What a user typed, in the form it was hashed: lower case, no separators or spaces. */
export function normaliseBackupCode(input: string): string {
  return input.toLowerCase().replace(/[\s-]/g, '');
}

const scryptParams = { N: 1 << 14, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };

function scryptHash(secret: string, salt: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(secret, salt, 32, scryptParams, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

/** A salted scrypt hash of a backup code. */
export async function hashBackupCode(code: string): Promise<{ salt: string; hash: string }> {
  const salt = randomBytes(16);
  const hash = await scryptHash(normaliseBackupCode(code), salt);
  return { salt: salt.toString('base64url'), hash: hash.toString('base64url') };
}

export async function backupCodeMatches(code: string, stored: { salt: string; hash: string }): Promise<boolean> {
  const hash = await scryptHash(normaliseBackupCode(code), Buffer.from(stored.salt, 'base64url'));
  const expected = Buffer.from(stored.hash, 'base64url');
  return expected.length === hash.length && timingSafeEqual(expected, hash);
}
