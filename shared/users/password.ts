import { randomInt } from 'node:crypto';

const lower = 'abcdefghijkmnopqrstuvwxyz';
const upper = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const digits = '23456789';
/** Symbols Cognito accepts that survive copy and paste from an email. */
const symbols = '!#%+-=?@^_';
const all = lower + upper + digits + symbols;

/**
 * A temporary password meeting the pool policy (12+ characters with lower, upper, digit and
 * symbol; see infra/constructs/auth.ts): 16 characters from a CSPRNG, look-alikes left out.
 */
export function temporaryPassword(length = 16): string {
  const pick = (set: string) => set[randomInt(set.length)]!;
  const chars = [pick(lower), pick(upper), pick(digits), pick(symbols)];
  while (chars.length < length) chars.push(pick(all));
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j]!, chars[i]!];
  }
  return chars.join('');
}

/** Whether a password meets the pool policy (used by tests and as a guard before AdminCreateUser). */
export function meetsPasswordPolicy(password: string): boolean {
  return password.length >= 12 && /[a-z]/.test(password) && /[A-Z]/.test(password) && /\d/.test(password) && /[^A-Za-z0-9]/.test(password);
}
