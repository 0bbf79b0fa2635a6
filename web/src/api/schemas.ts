/**
 * Every request and response shape the web app exchanges with the identity, roles, users,
 * access-request and audit APIs, in ONE place: nothing else in web/ imports these shapes from
 * anywhere but this file.
 *
 * They are the API's own zod schemas from shared/, re-exported, so the app validates responses and
 * forms with exactly what the API uses. Those modules import nothing but zod and plain constants, so
 * no server code (ElectroDB, the AWS SDK) reaches the browser bundle.
 */
import * as z from 'zod';
import { passwordRules } from '../../../shared/identity/password-policy';
import type { loginEvent, mfaSetup, mfaStatus, session } from '../../../shared/identity/schemas';

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

/* ------------------------------------------------------------------ auth facade (shared/identity/schemas.ts) */

export { loginOutcomes, type LoginOutcome } from '../../../shared/identity/outcomes';
export {
  backupCodeSignInRequest as backupCodeSignInInput,
  backupCodes,
  changeEmailRequest as changeEmailInput,
  changePasswordRequest as changePasswordInput,
  forgotPasswordRequest as forgotPasswordInput,
  loginEvent,
  loginEventPage,
  loginOutcome,
  mfaChallengeRequest as mfaChallengeInput,
  mfaCodeRequest as mfaCodeInput,
  mfaSetup,
  mfaStatus,
  newPasswordRequest as newPasswordInput,
  passwordReset,
  refreshResult,
  registerRequest as registerInput,
  resetCodeSent,
  resetPasswordRequest as resetPasswordInput,
  session,
  sessionList,
  signInRequest as signInInput,
  signInResult,
  tokens,
  verificationSent,
  verified,
  verifyEmailChangeRequest as verifyEmailChangeInput,
  verifyRegistrationRequest as verifyRegistrationInput,
  type SignInResult,
  type Tokens,
} from '../../../shared/identity/schemas';

export type MfaStatus = z.infer<typeof mfaStatus>;
export type MfaSetup = z.infer<typeof mfaSetup>;
export type Session = z.infer<typeof session>;
export type LoginEvent = z.infer<typeof loginEvent>;

/** 202 answers whose body the app does not need, and 204s (no body). */
export const accepted = z.unknown();
export const noContent = z.undefined();
