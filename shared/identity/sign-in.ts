import type { InitiateAuthCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import { roleFromGroups } from '../auth/permissions.js';
import { cognito, userPoolClientId, userPoolId } from '../aws/cognito.js';
import type { LoginOutcome } from '../db/entities/login-event.js';
import type { UserItem } from '../db/entities/user.js';
import { ServiceUnavailableError, type AppError } from '../errors.js';
import { emitAuthEvent } from './auth-events.js';
import { cognitoErrorName, issuedTokens, isWrongCredentials, revokeRefreshToken, type IssuedTokens } from './cognito-flows.js';
import { seal, unseal } from './crypto.js';
import {
  AccountDisabledError,
  CodeExpiredError,
  InvalidCredentialsError,
  LockedError,
  MfaInvalidError,
  WeakPasswordError,
} from './errors.js';
import { clearGuard, countFailure, readGuard, type GuardState } from './guard.js';
import { recordLoginEvent, type RequestMeta } from './login-events.js';
import { mail } from './messages.js';
import { checkTotp, claimTotpCode, forgetMfa, readTotpSecret, useBackupCode } from './mfa.js';
import { brokenPasswordRules } from './password-policy.js';
import type { SignedIn, SignInResult } from './schemas.js';
import { openSession, publicTokens } from './sessions.js';
import { timeStep, totpCode } from './totp.js';
import { ensureUserRecord, findUserByEmail, getUser, setMfaEnrolled } from './users.js';

/**
 * Sign-in through the API (not straight against Cognito), so the server keeps the lockout, the
 * login history, TOTP replay protection, backup codes and the session registry in the loop.
 */

/** Cognito's default authentication-session validity: a challenge must be answered within it. */
export const challengeTtlMs = 3 * 60 * 1000;

interface Challenge {
  v: 1;
  kind: 'mfa' | 'new_password';
  email: string;
  /** Cognito's USER_ID_FOR_SRP (the pool username). */
  username: string;
  session: string;
  /** Epoch milliseconds. */
  exp: number;
}

/** The challenge handed to the client: Cognito's session and who it is for, sealed (the client cannot read or alter it). */
function sealChallenge(kind: Challenge['kind'], email: string, out: InitiateAuthCommandOutput): string {
  if (!out.Session) throw new Error(`Cognito returned ${kind} challenge without a session`);
  const challenge: Challenge = { v: 1, kind, email, username: out.ChallengeParameters?.USER_ID_FOR_SRP ?? email, session: out.Session, exp: Date.now() + challengeTtlMs };
  return seal('challenge', JSON.stringify(challenge));
}

function openChallenge(sealed: string, kind: Challenge['kind']): Challenge {
  const plain = unseal('challenge', sealed);
  const challenge = plain ? (JSON.parse(plain) as Challenge) : null;
  if (!challenge || challenge.kind !== kind) throw new CodeExpiredError('This sign-in step is not valid; sign in again');
  if (challenge.exp < Date.now()) throw new CodeExpiredError('This sign-in step has expired; sign in again');
  return challenge;
}

/** Refuses (and records) any attempt while the address is locked. */
async function assertNotLocked(email: string, meta: RequestMeta): Promise<GuardState> {
  const guard = await readGuard(email);
  if (guard.lockedForSeconds > 0) {
    const user = await findUserByEmail(email);
    const who = user ? { userId: user.userId } : {};
    await recordLoginEvent({ email, ...who, outcome: 'locked', ...meta });
    await emitAuthEvent({ type: 'sign_in.refused_while_locked', ...who, email, ...meta, details: { outcome: 'locked' } });
    throw new LockedError(guard.lockedForSeconds);
  }
  return guard;
}

/**
 * Records a failed attempt (history + failure count) and throws: `locked` when this failure
 * reached the limit, otherwise the given error. Unknown addresses go through exactly the same steps.
 */
async function failSignIn(email: string, outcome: LoginOutcome, meta: RequestMeta, error: () => AppError): Promise<never> {
  const user = await findUserByEmail(email);
  const { lockedForSeconds } = await countFailure(email);
  const recorded: LoginOutcome = user ? outcome : 'unknown_user';
  const who = user ? { userId: user.userId } : {};
  await recordLoginEvent({ email, ...who, outcome: recorded, ...meta });
  await emitAuthEvent({ type: 'sign_in.failed', ...who, email, ...meta, details: { outcome: recorded } });
  if (lockedForSeconds > 0) {
    await recordLoginEvent({ email, ...who, outcome: 'lockout_started', ...meta });
    await emitAuthEvent({ type: 'sign_in.locked_out', ...who, email, ...meta, details: { lockedForSeconds } });
    throw new LockedError(lockedForSeconds);
  }
  throw error();
}

/** The pool user's id (`sub`) for a challenge: from our record, else from Cognito. */
async function userIdFor(email: string, username: string): Promise<string | null> {
  const user = await findUserByEmail(email);
  if (user) return user.userId;
  try {
    const { client, sdk } = await cognito();
    const out = await client.send(new sdk.AdminGetUserCommand({ UserPoolId: userPoolId, Username: username }));
    return out.UserAttributes?.find((a) => a.Name === 'sub')?.Value ?? null;
  } catch (err) {
    if (cognitoErrorName(err) === 'UserNotFoundException') return null;
    throw err;
  }
}

/** A pool user without an application record (created outside the API): the record is made from the pool. */
async function provisionFromPool(issued: IssuedTokens, email: string, mfaPassed: boolean): Promise<UserItem> {
  const { client, sdk } = await cognito();
  const out = await client.send(new sdk.AdminGetUserCommand({ UserPoolId: userPoolId, Username: issued.claims.sub }));
  const attr = (name: string) => out.UserAttributes?.find((a) => a.Name === name)?.Value;
  return ensureUserRecord({
    userId: issued.claims.sub,
    email: attr('email') ?? email,
    name: attr('name') ?? attr('email') ?? email,
    role: roleFromGroups(issued.claims.groups),
    mfaEnrolled: mfaPassed,
    ...(attr('locale') ? { locale: attr('locale')! } : {}),
  });
}

interface Completion {
  meta: RequestMeta;
  guard: GuardState;
  /** Whether Cognito asked for (and got) a TOTP code in this sign-in. */
  mfaPassed: boolean;
  outcome: Extract<LoginOutcome, 'success' | 'backup_code'>;
}

/**
 * Tokens in hand: checks the account, opens a session (registering the access token), clears the
 * failure count and records the success. Staff without TOTP are signed in but flagged
 * `mfa_setup_required` (the pipeline lets them reach the 2FA setup routes only).
 */
async function completeSignIn(email: string, issued: IssuedTokens, c: Completion): Promise<SignedIn> {
  let user = (await getUser(issued.claims.sub)) ?? (await provisionFromPool(issued, email, c.mfaPassed));
  if (user.status === 'disabled') {
    await revokeRefreshToken(issued.refreshToken);
    await recordLoginEvent({ email, userId: user.userId, outcome: 'account_disabled', ...c.meta });
    throw new AccountDisabledError();
  }
  // The record follows what Cognito just enforced (e.g. TOTP reset in the pool by an operator).
  if (user.mfaEnrolled !== c.mfaPassed) {
    await setMfaEnrolled(user.userId, c.mfaPassed);
    user = { ...user, mfaEnrolled: c.mfaPassed };
  }
  const sessionId = await openSession(user.userId, issued, c.meta);
  if (c.guard.exists) await clearGuard(email);
  await recordLoginEvent({ email, userId: user.userId, outcome: c.outcome, sessionId, ...c.meta });
  await emitAuthEvent({ type: 'sign_in.succeeded', userId: user.userId, sessionId, ...c.meta, details: { outcome: c.outcome, mfa: c.mfaPassed } });
  const status = user.kind === 'staff' && !user.mfaEnrolled ? 'mfa_setup_required' : 'signed_in';
  return { status, tokens: publicTokens(issued), sessionId };
}

/** What the password step led to: tokens, or a challenge for the client to answer. */
async function afterPassword(email: string, out: InitiateAuthCommandOutput, meta: RequestMeta, guard: GuardState): Promise<SignInResult> {
  switch (out.ChallengeName) {
    case undefined:
      return completeSignIn(email, issuedTokens(out.AuthenticationResult), { meta, guard, mfaPassed: false, outcome: 'success' });
    case 'SOFTWARE_TOKEN_MFA':
      return { status: 'mfa_required', challenge: sealChallenge('mfa', email, out) };
    case 'NEW_PASSWORD_REQUIRED':
      return { status: 'new_password_required', challenge: sealChallenge('new_password', email, out) };
    default:
      throw new Error(`Unsupported Cognito challenge ${out.ChallengeName}`);
  }
}

async function passwordStep(email: string, password: string, meta: RequestMeta): Promise<InitiateAuthCommandOutput> {
  try {
    const { client, sdk } = await cognito();
    return await client.send(
      new sdk.InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: userPoolClientId, AuthParameters: { USERNAME: email, PASSWORD: password } }),
    );
  } catch (err) {
    if (isWrongCredentials(err)) return failSignIn(email, 'wrong_password', meta, () => new InvalidCredentialsError());
    throw err;
  }
}

/** POST /auth/sign-in */
export async function signIn(input: { email: string; password: string }, meta: RequestMeta): Promise<SignInResult> {
  const email = input.email.toLowerCase();
  const guard = await assertNotLocked(email, meta);
  const out = await passwordStep(email, input.password, meta);
  return afterPassword(email, out, meta, guard);
}

/** POST /auth/sign-in/mfa: the TOTP code for a `mfa_required` challenge; each code works once. */
export async function answerMfaChallenge(input: { challenge: string; code: string }, meta: RequestMeta): Promise<SignedIn> {
  const challenge = openChallenge(input.challenge, 'mfa');
  const { email } = challenge;
  const guard = await assertNotLocked(email, meta);
  const userId = await userIdFor(email, challenge.username);
  const check = userId ? await checkTotp(userId, input.code) : 'no_secret';
  if (check === 'invalid') return failSignIn(email, 'wrong_code', meta, () => new MfaInvalidError());
  if (check === 'replayed' || (check === 'no_secret' && userId && !(await claimTotpCode(userId, null, input.code)))) {
    return failSignIn(email, 'code_replayed', meta, () => new MfaInvalidError());
  }
  let out;
  try {
    out = await respondToChallenge('SOFTWARE_TOKEN_MFA', challenge.session, { USERNAME: challenge.username, SOFTWARE_TOKEN_MFA_CODE: input.code });
  } catch (err) {
    const name = cognitoErrorName(err);
    if (name === 'CodeMismatchException') return failSignIn(email, 'wrong_code', meta, () => new MfaInvalidError());
    if (name === 'NotAuthorizedException' || name === 'ExpiredCodeException') throw new CodeExpiredError('This sign-in step has expired; sign in again');
    throw err;
  }
  if (out.ChallengeName) throw new Error(`Unsupported Cognito challenge ${out.ChallengeName} after TOTP`);
  return completeSignIn(email, issuedTokens(out.AuthenticationResult), { meta, guard, mfaPassed: true, outcome: 'success' });
}

/**
 * POST /auth/sign-in/backup-code: password + one backup code when the phone is lost. The code is
 * used up, TOTP is turned off (Cognito and our record) and the user has to enrol again.
 */
export async function signInWithBackupCode(input: { email: string; password: string; backupCode: string }, meta: RequestMeta): Promise<SignedIn> {
  const email = input.email.toLowerCase();
  const guard = await assertNotLocked(email, meta);
  const out = await passwordStep(email, input.password, meta);
  if (out.ChallengeName !== 'SOFTWARE_TOKEN_MFA' || !out.Session) {
    await revokeRefreshToken(out.AuthenticationResult?.RefreshToken);
    return failSignIn(email, 'wrong_backup_code', meta, () => new MfaInvalidError());
  }
  const username = out.ChallengeParameters?.USER_ID_FOR_SRP ?? email;
  const userId = await userIdFor(email, username);
  const secret = userId ? await readTotpSecret(userId, 'active') : null;
  if (!userId || !secret) return failSignIn(email, 'wrong_backup_code', meta, () => new MfaInvalidError());
  // Cognito's TOTP challenge is answered on the user's behalf with a code of ours, from a time step
  // not used yet (claimed like any other code), found before the backup code is spent.
  const step = await claimFreeStep(userId, secret);
  if (step === null) throw new ServiceUnavailableError('try_again', 'Too many sign-ins in the last minute; try again in 30 seconds');
  if (!(await useBackupCode(userId, input.backupCode))) return failSignIn(email, 'wrong_backup_code', meta, () => new MfaInvalidError());
  const { client, sdk } = await cognito();
  const answerWith = (at: number) =>
    respondToChallenge('SOFTWARE_TOKEN_MFA', out.Session!, { USERNAME: username, SOFTWARE_TOKEN_MFA_CODE: totpCode(secret, at) });
  let answer;
  try {
    answer = await answerWith(step);
  } catch (err) {
    // Our own code can fall out of Cognito's window when a step boundary passes mid-request
    // (an older step was the only free one): answer once more with a step free now.
    if ((err as Error).name !== 'CodeMismatchException') throw err;
    const again = await claimFreeStep(userId, secret);
    if (again === null) throw new ServiceUnavailableError('try_again', 'Too many sign-ins in the last minute; try again in 30 seconds');
    answer = await answerWith(again);
  }
  const issued = issuedTokens(answer.AuthenticationResult);
  await client.send(new sdk.SetUserMFAPreferenceCommand({ AccessToken: issued.accessToken, SoftwareTokenMfaSettings: { Enabled: false, PreferredMfa: false } }));
  await forgetMfa(userId);
  await setMfaEnrolled(userId, false);
  const user = await getUser(userId);
  await emitAuthEvent({ type: 'sign_in.backup_code_used', userId, ...meta });
  if (user) await mail.notice(user.email, 'backup_code_used', user.locale);
  return completeSignIn(email, issued, { meta, guard, mfaPassed: false, outcome: 'backup_code' });
}

/** The current TOTP step, or one either side, that no code was accepted for yet; claimed. */
async function claimFreeStep(userId: string, secret: string): Promise<number | null> {
  const now = timeStep(Date.now());
  for (const step of [now, now + 1, now - 1]) {
    if (await claimTotpCode(userId, step, totpCode(secret, step))) return step;
  }
  return null;
}

/** Answers one Cognito sign-in challenge (TOTP code or new password) for this app's client. */
async function respondToChallenge(name: 'SOFTWARE_TOKEN_MFA' | 'NEW_PASSWORD_REQUIRED', session: string, responses: Record<string, string>) {
  const { client, sdk } = await cognito();
  return client.send(new sdk.RespondToAuthChallengeCommand({ ClientId: userPoolClientId, ChallengeName: name, Session: session, ChallengeResponses: responses }));
}

/** POST /auth/sign-in/new-password: an invited user's forced password change on first sign-in. */
export async function completeNewPassword(input: { challenge: string; newPassword: string }, meta: RequestMeta): Promise<SignInResult> {
  const challenge = openChallenge(input.challenge, 'new_password');
  const broken = brokenPasswordRules(input.newPassword);
  if (broken.length) throw new WeakPasswordError(broken);
  const guard = await assertNotLocked(challenge.email, meta);
  let out;
  try {
    out = await respondToChallenge('NEW_PASSWORD_REQUIRED', challenge.session, { USERNAME: challenge.username, NEW_PASSWORD: input.newPassword });
  } catch (err) {
    const name = cognitoErrorName(err);
    if (name === 'InvalidPasswordException') throw new WeakPasswordError([]);
    if (name === 'NotAuthorizedException' || name === 'ExpiredCodeException') throw new CodeExpiredError('This sign-in step has expired; sign in again');
    throw err;
  }
  await emitAuthEvent({ type: 'sign_in.new_password_set', email: challenge.email, ...meta });
  return afterPassword(challenge.email, out, meta, guard);
}
