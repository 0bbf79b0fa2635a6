import { createApiHandler } from '../../../shared/http/pipeline.js';
import changeEmail from './change-email.js';
import changePassword from './change-password.js';
import deleteSession from './delete-session.js';
import deleteSessions from './delete-sessions.js';
import forgotPassword from './forgot-password.js';
import getMfa from './get-mfa.js';
import listSessions from './list-sessions.js';
import loginEvents from './login-events.js';
import loginHistory from './login-history.js';
import mfaBackupCodes from './mfa-backup-codes.js';
import mfaDisable from './mfa-disable.js';
import mfaSetup from './mfa-setup.js';
import mfaVerify from './mfa-verify.js';
import refresh from './refresh.js';
import register from './register.js';
import resetPassword from './reset-password.js';
import signInBackupCode from './sign-in-backup-code.js';
import signInMfa from './sign-in-mfa.js';
import signInNewPassword from './sign-in-new-password.js';
import signIn from './sign-in.js';
import signOut from './sign-out.js';
import verifyEmail from './verify-email.js';
import verifyRegistration from './verify-registration.js';

/** The auth facade: sign-up, sign-in, TOTP, sessions and login history (shared/identity). */
export const routes = [
  register,
  verifyRegistration,
  signIn,
  signInMfa,
  signInBackupCode,
  signInNewPassword,
  refresh,
  signOut,
  forgotPassword,
  resetPassword,
  changePassword,
  changeEmail,
  verifyEmail,
  getMfa,
  mfaSetup,
  mfaVerify,
  mfaDisable,
  mfaBackupCodes,
  listSessions,
  deleteSession,
  deleteSessions,
  loginHistory,
  loginEvents,
];
export const handler = createApiHandler(routes);
