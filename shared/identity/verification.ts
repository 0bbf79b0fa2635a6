import { VerificationCode, type VerificationCodeItem, type VerificationPurpose } from '../db/entities/verification-code.js';
import { isConditionalCheckFailed } from '../db/errors.js';
import { codeHash, randomDigits, sameString } from './crypto.js';
import { CodeExpiredError, CodeInvalidError } from './errors.js';

/** Our emailed codes: 6 digits, HMAC-stored, valid 15 minutes, 5 attempts; at most 5 sends per validity window. */
export const codeValidityMs = 15 * 60 * 1000;
export const maxCodeAttempts = 5;
export const maxCodeSends = 5;
const keepForSeconds = 24 * 60 * 60;

export interface CodeExtras {
  name?: string;
  locale?: string;
  newEmail?: string;
}

/**
 * A fresh code for (purpose, subject), replacing any earlier one; returns it for the email, or null
 * when the series has reached its send limit (the caller answers as usual and sends nothing).
 */
export async function issueCode(purpose: VerificationPurpose, subject: string, extras: CodeExtras = {}): Promise<string | null> {
  const now = Date.now();
  const { data: previous } = await VerificationCode.get({ purpose, subject }).go({ consistent: true });
  const sameSeries = previous && previous.validUntil > now;
  const sends = sameSeries ? previous.sends + 1 : 1;
  if (sends > maxCodeSends) return null;
  const code = randomDigits(6);
  await VerificationCode.put({
    purpose,
    subject,
    codeHash: codeHash(purpose, subject, code),
    attempts: 0,
    sends,
    validUntil: now + codeValidityMs,
    expiresAt: Math.floor(now / 1000) + keepForSeconds,
    ...extras,
  }).go();
  return code;
}

/**
 * Checks a code without using it up: `code_invalid` (wrong; counts an attempt), `code_expired`
 * (too late, or out of attempts). Returns the stored item (for its extras); call `consumeCode` once
 * the action it guards has succeeded.
 */
export async function checkCode(purpose: VerificationPurpose, subject: string, code: string): Promise<VerificationCodeItem> {
  const { data: item } = await VerificationCode.get({ purpose, subject }).go({ consistent: true });
  if (!item) throw new CodeInvalidError();
  if (item.attempts >= maxCodeAttempts || Date.now() > item.validUntil) throw new CodeExpiredError();
  if (!sameString(codeHash(purpose, subject, code), item.codeHash)) {
    try {
      await VerificationCode.patch({ purpose, subject })
        .add({ attempts: 1 })
        .where(({ attempts, codeHash: hash }, { lt, eq }) => `${lt(attempts, maxCodeAttempts)} AND ${eq(hash, item.codeHash)}`)
        .go();
    } catch (err) {
      if (!isConditionalCheckFailed(err)) throw err;
    }
    throw new CodeInvalidError();
  }
  return item;
}

/** Uses the code up (it guarded an action that has now happened). */
export async function consumeCode(purpose: VerificationPurpose, subject: string): Promise<void> {
  await VerificationCode.delete({ purpose, subject }).go();
}
