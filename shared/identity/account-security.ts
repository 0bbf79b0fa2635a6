import { cognito, userPoolId } from '../aws/cognito.js';
import { ValidationError } from '../errors.js';
import { emitAuthEvent } from './auth-events.js';
import { cognitoErrorName, isPolicyRejection, isWrongCredentials } from './cognito-flows.js';
import { CodeInvalidError, InvalidCredentialsError, LockedError, WeakPasswordError } from './errors.js';
import { clearGuard, countFailure, readGuard } from './guard.js';
import { recordLoginEvent, type RequestMeta } from './login-events.js';
import { mail } from './messages.js';
import { brokenPasswordRules } from './password-policy.js';
import { revokeAllSessions } from './sessions.js';
import { findUserByEmail, getUser, setUserEmail } from './users.js';
import { checkCode, consumeCode, issueCode } from './verification.js';

/** Forgotten password, password change and email change. */

async function poolUser(username: string) {
  try {
    const { client, sdk } = await cognito();
    return await client.send(new sdk.AdminGetUserCommand({ UserPoolId: userPoolId, Username: username }));
  } catch (err) {
    if (cognitoErrorName(err) === 'UserNotFoundException') return null;
    throw err;
  }
}

function assertStrong(password: string): void {
  const broken = brokenPasswordRules(password);
  if (broken.length) throw new WeakPasswordError(broken);
}

/**
 * POST /auth/password/forgot: the same answer whether or not the address exists; a code goes only
 * to a confirmed, enabled account.
 */
export async function forgotPassword(input: { email: string }, meta: RequestMeta): Promise<void> {
  const email = input.email.toLowerCase();
  const user = await poolUser(email);
  if (!user || user.Enabled === false || !['CONFIRMED', 'RESET_REQUIRED'].includes(user.UserStatus ?? '')) return;
  const code = await issueCode('reset', email);
  const locale = user.UserAttributes?.find((a) => a.Name === 'locale')?.Value;
  if (code) await mail.resetCode(email, code, locale);
  const record = await findUserByEmail(email);
  await emitAuthEvent({ type: 'password.reset_requested', ...(record ? { userId: record.userId } : {}), email, ...meta });
}

/** POST /auth/password/reset: a new permanent password; every session of the user ends. */
export async function resetPassword(input: { email: string; code: string; newPassword: string }, meta: RequestMeta): Promise<void> {
  const email = input.email.toLowerCase();
  assertStrong(input.newPassword);
  await checkCode('reset', email, input.code);
  const user = await poolUser(email);
  if (!user?.Username) throw new CodeInvalidError();
  try {
    const { client, sdk } = await cognito();
    await client.send(new sdk.AdminSetUserPasswordCommand({ UserPoolId: userPoolId, Username: user.Username, Password: input.newPassword, Permanent: true }));
  } catch (err) {
    if (cognitoErrorName(err) === 'InvalidPasswordException') throw new WeakPasswordError([]);
    throw err;
  }
  await consumeCode('reset', email);
  const userId = user.UserAttributes?.find((a) => a.Name === 'sub')?.Value;
  if (userId) await revokeAllSessions(userId, { reason: 'password_reset', meta });
  await clearGuard(email);
  await emitAuthEvent({ type: 'password.reset', ...(userId ? { userId } : {}), email, ...meta });
}

/**
 * POST /auth/password/change: needs the current password (wrong ones count towards the lockout
 * like at sign-in); the caller's other sessions end.
 */
export async function changePassword(
  actor: { userId: string; sessionId?: string },
  accessToken: string,
  input: { currentPassword: string; newPassword: string },
  meta: RequestMeta,
): Promise<void> {
  assertStrong(input.newPassword);
  const user = await getUser(actor.userId);
  if (!user) throw new InvalidCredentialsError(400);
  const guard = await readGuard(user.emailLower ?? user.email);
  if (guard.lockedForSeconds > 0) throw new LockedError(guard.lockedForSeconds);
  try {
    const { client, sdk } = await cognito();
    await client.send(new sdk.ChangePasswordCommand({ AccessToken: accessToken, PreviousPassword: input.currentPassword, ProposedPassword: input.newPassword }));
  } catch (err) {
    if (isPolicyRejection(err)) throw new WeakPasswordError([]);
    if (isWrongCredentials(err)) {
      const email = user.emailLower ?? user.email;
      const { lockedForSeconds } = await countFailure(email);
      await recordLoginEvent({ email, userId: user.userId, outcome: lockedForSeconds ? 'lockout_started' : 'wrong_password', ...meta });
      if (lockedForSeconds) throw new LockedError(lockedForSeconds);
      throw new InvalidCredentialsError(400);
    }
    throw err;
  }
  await revokeAllSessions(user.userId, { ...(actor.sessionId ? { keep: actor.sessionId } : {}), reason: 'password_changed', meta });
  await emitAuthEvent({ type: 'password.changed', userId: user.userId, ...meta });
  await mail.notice(user.email, 'password_changed', user.locale);
}

/** POST /auth/email/change: a code to the new address (or, when it is taken, a notice to its owner). */
export async function requestEmailChange(actor: { userId: string }, input: { newEmail: string }, meta: RequestMeta): Promise<void> {
  const newEmail = input.newEmail.toLowerCase();
  const user = await getUser(actor.userId);
  if (!user) throw new CodeInvalidError();
  if (newEmail === (user.emailLower ?? user.email.toLowerCase())) {
    throw new ValidationError([{ path: 'body.newEmail', message: 'This is already your address' }]);
  }
  if (await poolUser(newEmail)) {
    await mail.addressTaken(newEmail, user.locale);
    return;
  }
  const code = await issueCode('email_change', user.userId, { newEmail });
  if (code) await mail.emailChangeCode(newEmail, code, user.locale);
  await emitAuthEvent({ type: 'email.change_requested', userId: user.userId, ...meta });
}

/** POST /auth/email/verify: the new address becomes the sign-in address (verified); the old one is told. */
export async function verifyEmailChange(actor: { userId: string }, input: { code: string }, meta: RequestMeta): Promise<void> {
  const user = await getUser(actor.userId);
  if (!user) throw new CodeInvalidError();
  const pending = await checkCode('email_change', user.userId, input.code);
  if (!pending.newEmail) throw new CodeInvalidError();
  try {
    const { client, sdk } = await cognito();
    await client.send(
      new sdk.AdminUpdateUserAttributesCommand({
        UserPoolId: userPoolId,
        Username: user.userId,
        UserAttributes: [
          { Name: 'email', Value: pending.newEmail },
          { Name: 'email_verified', Value: 'true' },
        ],
      }),
    );
  } catch (err) {
    // Someone took the address in the meantime.
    if (cognitoErrorName(err) === 'AliasExistsException') throw new CodeInvalidError();
    throw err;
  }
  await setUserEmail(user, pending.newEmail);
  await consumeCode('email_change', user.userId);
  await emitAuthEvent({ type: 'email.changed', userId: user.userId, ...meta });
  await mail.notice(user.email, 'email_changed', user.locale);
}
