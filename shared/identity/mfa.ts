import { cognito } from '../aws/cognito.js';
import { BackupCodes } from '../db/entities/backup-codes.js';
import { MfaSecret } from '../db/entities/mfa-secret.js';
import { TotpUse } from '../db/entities/totp-use.js';
import { isConditionalCheckFailed } from '../db/errors.js';
import { emitAuthEvent } from './auth-events.js';
import { cognitoErrorName } from './cognito-flows.js';
import { backupCodeMatches, hashBackupCode, newBackupCode, seal, unseal } from './crypto.js';
import { NotFoundError } from '../errors.js';
import { CodeExpiredError, MfaAlreadyEnrolledError, MfaInvalidError, MfaRequiredError } from './errors.js';
import type { RequestMeta } from './login-events.js';
import { mail } from './messages.js';
import { matchTotp, otpauthUri } from './totp.js';
import { getUser, setMfaEnrolled } from './users.js';

/** TOTP enrolment, codes outside sign-in, replay protection and backup codes. */

export const backupCodeCount = 10;
/** A code is accepted for its own step and one either side: 90 s; the claim outlives that. */
const claimSeconds = 5 * 60;

/** The user's TOTP secret (base32) in the given state, or null. */
export async function readTotpSecret(userId: string, status: 'active' | 'pending'): Promise<string | null> {
  const { data } = await MfaSecret.get({ userId }).go({ consistent: true });
  if (!data || data.status !== status) return null;
  return unseal('totp-secret', data.secretSealed);
}

/**
 * Claims a TOTP code once for the user: `step` is the time step it matched (null when the secret is
 * not known here, then the code itself is the key). False when it was used already.
 */
export async function claimTotpCode(userId: string, step: number | null, code: string): Promise<boolean> {
  const now = Math.floor(Date.now() / 1000);
  const slot = step === null ? `any#${code}` : `${step}#${code}`;
  try {
    await TotpUse.put({ userId, slot, usedAt: new Date().toISOString(), expiresAt: now + claimSeconds })
      .where(({ slot: s, expiresAt }, { notExists, lt }) => `${notExists(s)} OR ${lt(expiresAt, now)}`)
      .go();
    return true;
  } catch (err) {
    if (isConditionalCheckFailed(err)) return false;
    throw err;
  }
}

export type TotpCheck = 'ok' | 'invalid' | 'replayed' | 'no_secret';

/** Checks a code against the stored secret and claims it (a code is good once). */
export async function checkTotp(userId: string, code: string, status: 'active' | 'pending' = 'active'): Promise<TotpCheck> {
  const secret = await readTotpSecret(userId, status);
  if (!secret) return 'no_secret';
  const step = matchTotp(secret, code);
  if (step === null) return 'invalid';
  return (await claimTotpCode(userId, step, code)) ? 'ok' : 'replayed';
}

async function requireCode(userId: string, code: string): Promise<void> {
  const check = await checkTotp(userId, code);
  if (check === 'no_secret') throw new MfaRequiredError();
  if (check !== 'ok') throw new MfaInvalidError();
}

/** Fresh backup codes replace the old ones; the plain codes are returned once and never stored. */
async function issueBackupCodes(userId: string): Promise<string[]> {
  const plain = Array.from({ length: backupCodeCount }, newBackupCode);
  const codes = await Promise.all(plain.map((c) => hashBackupCode(c)));
  const { data: previous } = await BackupCodes.get({ userId }).go({ consistent: true });
  await BackupCodes.put({ userId, codes, version: (previous?.version ?? 0) + 1, createdAt: new Date().toISOString() }).go();
  return plain;
}

export async function mfaStatus(userId: string, enrolled: boolean): Promise<{ enrolled: boolean; backupCodesRemaining: number }> {
  if (!enrolled) return { enrolled, backupCodesRemaining: 0 };
  const { data } = await BackupCodes.get({ userId }).go();
  return { enrolled, backupCodesRemaining: data ? data.codes.filter((c) => !c.usedAt).length : 0 };
}

/** Step 1 of enrolment: a new secret from Cognito (AssociateSoftwareToken), kept sealed as pending. */
export async function startMfaSetup(userId: string, accessToken: string, meta: RequestMeta): Promise<{ secret: string; otpauthUri: string }> {
  const user = await getUser(userId);
  if (!user) throw new NotFoundError('No such user');
  if (user.mfaEnrolled) throw new MfaAlreadyEnrolledError();
  const { client, sdk } = await cognito();
  const { SecretCode } = await client.send(new sdk.AssociateSoftwareTokenCommand({ AccessToken: accessToken }));
  if (!SecretCode) throw new Error('Cognito returned no TOTP secret');
  await MfaSecret.put({ userId, secretSealed: seal('totp-secret', SecretCode), status: 'pending', createdAt: new Date().toISOString() }).go();
  await emitAuthEvent({ type: 'mfa.setup_started', userId, ...meta });
  return { secret: SecretCode, otpauthUri: otpauthUri(SecretCode, user.email) };
}

/**
 * Step 2: the first code proves the app has the secret. Cognito verifies it too and makes TOTP the
 * preferred factor; the user is enrolled and gets 10 backup codes, shown once.
 */
export async function confirmMfaSetup(userId: string, accessToken: string, code: string, meta: RequestMeta): Promise<string[]> {
  const user = await getUser(userId);
  if (!user) throw new NotFoundError('No such user');
  if (user.mfaEnrolled) throw new MfaAlreadyEnrolledError();
  const check = await checkTotp(userId, code, 'pending');
  if (check === 'no_secret') throw new CodeExpiredError('Start the two-factor setup again');
  if (check !== 'ok') throw new MfaInvalidError();
  try {
    const { client, sdk } = await cognito();
    await client.send(new sdk.VerifySoftwareTokenCommand({ AccessToken: accessToken, UserCode: code, FriendlyDeviceName: 'authenticator' }));
  } catch (err) {
    if (['CodeMismatchException', 'EnableSoftwareTokenMFAException'].includes(cognitoErrorName(err))) throw new MfaInvalidError();
    throw err;
  }
  const { client, sdk } = await cognito();
  await client.send(new sdk.SetUserMFAPreferenceCommand({ AccessToken: accessToken, SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true } }));
  const backupCodes = await issueBackupCodes(userId);
  await MfaSecret.patch({ userId }).set({ status: 'active', activatedAt: new Date().toISOString() }).go();
  await setMfaEnrolled(userId, true);
  await emitAuthEvent({ type: 'mfa.enabled', userId, ...meta });
  await mail.notice(user.email, 'mfa_enabled', user.locale);
  return backupCodes;
}

/** Forgets the secret and backup codes (TOTP turned off: disable, backup-code sign-in, admin reset). */
export async function forgetMfa(userId: string): Promise<void> {
  await Promise.all([MfaSecret.delete({ userId }).go(), BackupCodes.delete({ userId }).go()]);
}

/** Turns TOTP off; needs a current code. Staff then have to enrol again before using the app. */
export async function disableMfa(userId: string, accessToken: string, code: string, meta: RequestMeta): Promise<void> {
  const user = await getUser(userId);
  if (!user?.mfaEnrolled) throw new MfaRequiredError();
  await requireCode(userId, code);
  const { client, sdk } = await cognito();
  await client.send(new sdk.SetUserMFAPreferenceCommand({ AccessToken: accessToken, SoftwareTokenMfaSettings: { Enabled: false, PreferredMfa: false } }));
  await forgetMfa(userId);
  await setMfaEnrolled(userId, false);
  await emitAuthEvent({ type: 'mfa.disabled', userId, ...meta, details: { via: 'settings' } });
  await mail.notice(user.email, 'mfa_disabled', user.locale);
}

/** New backup codes (the old ones stop working); needs a current code. */
export async function regenerateBackupCodes(userId: string, code: string, meta: RequestMeta): Promise<string[]> {
  const user = await getUser(userId);
  if (!user?.mfaEnrolled) throw new MfaRequiredError();
  await requireCode(userId, code);
  const codes = await issueBackupCodes(userId);
  await emitAuthEvent({ type: 'mfa.backup_codes_regenerated', userId, ...meta });
  await mail.notice(user.email, 'backup_codes_regenerated', user.locale);
  return codes;
}

/** Uses up one backup code if it matches an unused one; false otherwise (each code works once). */
export async function useBackupCode(userId: string, code: string): Promise<boolean> {
  const { data } = await BackupCodes.get({ userId }).go({ consistent: true });
  if (!data) return false;
  const matches = await Promise.all(data.codes.map((c) => (c.usedAt ? Promise.resolve(false) : backupCodeMatches(code, c))));
  const index = matches.indexOf(true);
  if (index < 0) return false;
  const codes = data.codes.map((c, i) => (i === index ? { ...c, usedAt: new Date().toISOString() } : c));
  try {
    await BackupCodes.patch({ userId })
      .set({ codes, version: data.version + 1 })
      .where(({ version }, { eq }) => eq(version, data.version))
      .go();
    return true;
  } catch (err) {
    // Someone used a code (perhaps this one) at the same moment: this attempt does not count.
    if (isConditionalCheckFailed(err)) return false;
    throw err;
  }
}

/**
 * Keeps a TOTP secret that was enrolled at Cognito outside the API (demo seeding, migrations) as
 * the user's active secret, so codes can be checked here too. Leaves an existing active one alone.
 */
export async function adoptTotpSecret(userId: string, secret: string): Promise<void> {
  if ((await readTotpSecret(userId, 'active')) === secret) return;
  const now = new Date().toISOString();
  await MfaSecret.put({ userId, secretSealed: seal('totp-secret', secret), status: 'active', createdAt: now, activatedAt: now }).go();
}
