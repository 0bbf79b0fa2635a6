import * as z from 'zod';
import { loginOutcomes } from './outcomes.js';

/** Request and response shapes of the auth facade (functions/api/auth); the web app imports these. */

const email = z.email().max(254);
/** Any password on the way in; the policy is checked by the service (`weak_password`, not `validation_failed`). */
const password = z.string().min(1).max(256);
const totpCode = z.string().regex(/^\d{6}$/, 'six digits');
const emailCode = z.string().trim().regex(/^\d{6}$/, 'six digits');
const isoTime = z.iso.datetime({ offset: true });

export const registerRequest = z
  .object({ email, password, name: z.string().trim().min(1).max(120), locale: z.string().min(2).max(35).optional() })
  .meta({ id: 'RegisterRequest' });
export const verifyRegistrationRequest = z.object({ email, code: emailCode }).meta({ id: 'VerifyRegistrationRequest' });
export const signInRequest = z.object({ email, password }).meta({ id: 'SignInRequest' });
export const mfaChallengeRequest = z.object({ challenge: z.string().min(1).max(8192), code: totpCode }).meta({ id: 'MfaChallengeRequest' });
export const backupCodeSignInRequest = z
  .object({ email, password, backupCode: z.string().trim().min(6).max(32) })
  .meta({ id: 'BackupCodeSignInRequest' });
export const newPasswordRequest = z.object({ challenge: z.string().min(1).max(8192), newPassword: password }).meta({ id: 'NewPasswordRequest' });
export const refreshRequest = z.object({ refreshToken: z.string().min(1).max(8192), sessionId: z.string().min(1).max(64) }).meta({ id: 'RefreshRequest' });
export const forgotPasswordRequest = z.object({ email }).meta({ id: 'ForgotPasswordRequest' });
export const resetPasswordRequest = z.object({ email, code: emailCode, newPassword: password }).meta({ id: 'ResetPasswordRequest' });
export const changePasswordRequest = z.object({ currentPassword: password, newPassword: password }).meta({ id: 'ChangePasswordRequest' });
export const changeEmailRequest = z.object({ newEmail: email }).meta({ id: 'ChangeEmailRequest' });
export const verifyEmailChangeRequest = z.object({ code: emailCode }).meta({ id: 'VerifyEmailChangeRequest' });
export const mfaCodeRequest = z.object({ code: totpCode }).meta({ id: 'MfaCodeRequest' });

export const tokens = z
  .object({
    accessToken: z.string(),
    idToken: z.string().optional(),
    /** Absent from a refresh answer: the refresh token stays the same. */
    refreshToken: z.string().optional(),
    /** Seconds until the access token expires. */
    expiresIn: z.number().int().positive(),
  })
  .meta({ id: 'Tokens' });
export type Tokens = z.infer<typeof tokens>;

export const signInResult = z
  .discriminatedUnion('status', [
    z.object({ status: z.literal('signed_in'), tokens, sessionId: z.string() }),
    z.object({ status: z.literal('mfa_required'), challenge: z.string() }),
    z.object({ status: z.literal('new_password_required'), challenge: z.string() }),
    /** Staff without TOTP: signed in, but every route except the 2FA setup ones answers `mfa_setup_required`. */
    z.object({ status: z.literal('mfa_setup_required'), tokens, sessionId: z.string() }),
  ])
  .meta({ id: 'SignInResult' });
export type SignInResult = z.infer<typeof signInResult>;

/** What a completed sign-in returns (both statuses carry tokens and the session id). */
export type SignedIn = Extract<SignInResult, { tokens: Tokens }>;

export const verificationSent = z.object({ status: z.literal('verification_sent') }).meta({ id: 'VerificationSent' });
export const verified = z.object({ status: z.literal('verified') }).meta({ id: 'Verified' });
export const resetCodeSent = z.object({ status: z.literal('reset_code_sent') }).meta({ id: 'ResetCodeSent' });
export const passwordReset = z.object({ status: z.literal('password_reset') }).meta({ id: 'PasswordReset' });
export const refreshResult = z.object({ tokens }).meta({ id: 'RefreshResult' });
export const noContent = z.void();

export const mfaStatus = z.object({ enrolled: z.boolean(), backupCodesRemaining: z.number().int().nonnegative() }).meta({ id: 'MfaStatus' });
export const mfaSetup = z.object({ secret: z.string(), otpauthUri: z.string() }).meta({ id: 'MfaSetup' });
export const backupCodes = z.object({ backupCodes: z.array(z.string()).length(10) }).meta({ id: 'BackupCodes' });

export const session = z
  .object({
    sessionId: z.string(),
    createdAt: isoTime,
    lastSeenAt: isoTime,
    ip: z.string().optional(),
    userAgent: z.string().optional(),
    /** The session of the token that made this request. */
    current: z.boolean(),
  })
  .meta({ id: 'Session' });
export const sessionList = z.object({ items: z.array(session) }).meta({ id: 'SessionList' });
export const sessionPath = z.object({ sessionId: z.string().min(1).max(64) });

export const loginOutcome = z.enum(loginOutcomes).meta({ id: 'LoginOutcome' });
export const loginEvent = z
  .object({
    at: isoTime,
    outcome: loginOutcome,
    ip: z.string().optional(),
    userAgent: z.string().optional(),
    email: z.string(),
    userId: z.string().optional(),
  })
  .meta({ id: 'LoginEvent' });
export const loginEventPage = z.object({ items: z.array(loginEvent), nextCursor: z.string().optional() }).meta({ id: 'LoginEventPage' });

const cursor = z.string().min(1).max(2048).optional();
const limit = z.coerce.number().int().min(1).max(100).default(50);

export const loginHistoryQuery = z.object({ cursor, limit });
export const loginEventsQuery = z
  .object({
    outcome: z.enum(loginOutcomes).optional(),
    /** ISO date-times; default the last 7 days; at most 31 days apart. */
    from: isoTime.optional(),
    to: isoTime.optional(),
    cursor,
    limit,
  })
  .refine((q) => !q.from || !q.to || Date.parse(q.from) <= Date.parse(q.to), { message: 'from must not be after to', path: ['from'] });
