/**
 * Every request and response shape the web app exchanges with the identity, roles, users,
 * access-request and audit APIs, in ONE place: nothing else in web/ imports these shapes from
 * anywhere but this file.
 *
 * They are the API's own zod schemas from shared/, re-exported, so the app validates responses and
 * forms with exactly what the API uses. The one exception is the auth facade: shared/identity/schemas.ts
 * imports `loginOutcomes` from the ElectroDB entity file, which would pull ElectroDB, the DynamoDB
 * client and its env parsing into the browser bundle. Its shapes are mirrored below, field for field;
 * once `loginOutcomes` lives outside the entity file, the mirror becomes one
 * `export { ... } from '../../../shared/identity/schemas'` line.
 */
import * as z from 'zod';
import { passwordRules } from '../../../shared/identity/password-policy';

export { me, type Me } from '../../../shared/account/schemas';
export { permissions, roles, staffRoles, type Permission, type Role } from '../../../shared/auth/permissions';
export { passwordRules, type PasswordRule } from '../../../shared/identity/password-policy';
export {
  createRole as createRoleInput,
  matrixVersion as roleVersionDetail,
  matrixVersionPage as roleVersionList,
  restoreMatrixVersion as restoreVersionInput,
  rolesView,
  roleSummary,
  updateRoleMatrix as saveMatrixInput,
  type MatrixChange,
  type MatrixVersionSummary as RoleVersion,
  type RoleMatrixShape as RoleMatrix,
  type RolesView,
} from '../../../shared/roles/schemas';
/** Cells of the admin row the API refuses to clear (`admin_lockout`). */
export { adminLockoutGuard } from '../../../shared/roles/policy';
export {
  changeUserRole as changeRoleInput,
  createStaffUser as createStaffInput,
  userKind,
  userPage,
  userStatus,
  userView as user,
  type UserView as User,
} from '../../../shared/users/schemas';
export {
  accessRequestApproved,
  accessRequestPage,
  accessRequestReceived,
  accessRequestStatus,
  accessRequestView as accessRequest,
  approveAccessRequest as approveAccessRequestInput,
  createAccessRequest as accessRequestInput,
  rejectAccessRequest as rejectAccessRequestInput,
  requestableRole,
  type AccessRequestView as AccessRequest,
} from '../../../shared/access-requests/schemas';
export {
  activityEntry,
  activityPage,
  auditEntry,
  auditPage,
  type ActivityEntryView as ActivityEntry,
  type AuditEntryView as AuditEntry,
} from '../../../shared/audit/schemas';

/* ------------------------------------------------------------------ password policy (forms) */

/** The user pool's policy (COG1): the API checks it too and answers `weak_password`. */
export const PASSWORD_MIN_LENGTH = 12;
/** A new password in a form: the API's shape plus the policy, so the form says what is missing before sending. */
export const newPassword = z
  .string()
  .min(PASSWORD_MIN_LENGTH)
  .max(256)
  .refine(passwordRules.lower, { params: { rule: 'lower' } })
  .refine(passwordRules.upper, { params: { rule: 'upper' } })
  .refine(passwordRules.digit, { params: { rule: 'digit' } })
  .refine(passwordRules.symbol, { params: { rule: 'symbol' } });

/* ------------------------------------------------------------------ auth facade (mirror of shared/identity/schemas.ts) */

/** Mirror of shared/db/entities/login-event.ts `loginOutcomes`. */
export const loginOutcomes = [
  'success',
  'backup_code',
  'wrong_password',
  'wrong_code',
  'wrong_backup_code',
  'code_replayed',
  'unknown_user',
  'account_disabled',
  'locked',
  'lockout_started',
] as const;

const email = z.email().max(254);
const password = z.string().min(1).max(256);
const totpCode = z.string().regex(/^\d{6}$/, 'six digits');
const emailCode = z.string().trim().regex(/^\d{6}$/, 'six digits');
const isoTime = z.iso.datetime({ offset: true });

export const registerInput = z.object({ email, password, name: z.string().trim().min(1).max(120), locale: z.string().min(2).max(35).optional() });
export const verifyRegistrationInput = z.object({ email, code: emailCode });
export const signInInput = z.object({ email, password });
export const mfaChallengeInput = z.object({ challenge: z.string().min(1).max(8192), code: totpCode });
export const backupCodeSignInInput = z.object({ email, password, backupCode: z.string().trim().min(6).max(32) });
export const newPasswordInput = z.object({ challenge: z.string().min(1).max(8192), newPassword: password });
export const forgotPasswordInput = z.object({ email });
export const resetPasswordInput = z.object({ email, code: emailCode, newPassword: password });
export const changePasswordInput = z.object({ currentPassword: password, newPassword: password });
export const changeEmailInput = z.object({ newEmail: email });
export const verifyEmailChangeInput = z.object({ code: emailCode });
export const mfaCodeInput = z.object({ code: totpCode });

export const tokens = z.object({
  accessToken: z.string(),
  idToken: z.string().optional(),
  /** Absent from a refresh answer: the refresh token stays the same. */
  refreshToken: z.string().optional(),
  /** Seconds until the access token expires. */
  expiresIn: z.number().int().positive(),
});
export type Tokens = z.infer<typeof tokens>;

export const signInResult = z.discriminatedUnion('status', [
  z.object({ status: z.literal('signed_in'), tokens, sessionId: z.string() }),
  z.object({ status: z.literal('mfa_required'), challenge: z.string() }),
  z.object({ status: z.literal('new_password_required'), challenge: z.string() }),
  z.object({ status: z.literal('mfa_setup_required'), tokens, sessionId: z.string() }),
]);
export type SignInResult = z.infer<typeof signInResult>;

export const verificationSent = z.object({ status: z.literal('verification_sent') });
export const verified = z.object({ status: z.literal('verified') });
export const resetCodeSent = z.object({ status: z.literal('reset_code_sent') });
export const passwordReset = z.object({ status: z.literal('password_reset') });
export const refreshResult = z.object({ tokens });
/** 202 answers whose body the app does not need, and 204s (no body). */
export const accepted = z.unknown();
export const noContent = z.undefined();

export const mfaStatus = z.object({ enrolled: z.boolean(), backupCodesRemaining: z.number().int().nonnegative() });
export type MfaStatus = z.infer<typeof mfaStatus>;
export const mfaSetup = z.object({ secret: z.string(), otpauthUri: z.string() });
export type MfaSetup = z.infer<typeof mfaSetup>;
export const backupCodes = z.object({ backupCodes: z.array(z.string()).length(10) });

export const session = z.object({
  sessionId: z.string(),
  createdAt: isoTime,
  lastSeenAt: isoTime,
  ip: z.string().optional(),
  userAgent: z.string().optional(),
  /** The session of the token that made this request. */
  current: z.boolean(),
});
export type Session = z.infer<typeof session>;
export const sessionList = z.object({ items: z.array(session) });

export const loginOutcome = z.enum(loginOutcomes);
export type LoginOutcome = z.infer<typeof loginOutcome>;
export const loginEvent = z.object({
  at: isoTime,
  outcome: loginOutcome,
  ip: z.string().optional(),
  userAgent: z.string().optional(),
  email: z.string(),
  userId: z.string().optional(),
});
export type LoginEvent = z.infer<typeof loginEvent>;
export const loginEventPage = z.object({ items: z.array(loginEvent), nextCursor: z.string().optional() });
