import { AppError } from '../errors.js';

/**
 * The identity module's stable error codes (issue 3). Each carries the HTTP status the web app and
 * the OpenAPI document rely on.
 */

/** Unknown email and wrong password answer exactly the same. */
export class InvalidCredentialsError extends AppError {
  constructor(status: 400 | 401 = 401) {
    super(status, 'invalid_credentials', 'Email or password is incorrect');
  }
}

export class LockedError extends AppError {
  constructor(retryAfterSeconds: number) {
    super(423, 'locked', 'Too many failed attempts; try again later', { retryAfterSeconds }, { 'retry-after': String(retryAfterSeconds) });
  }
}

export class MfaInvalidError extends AppError {
  constructor() {
    super(400, 'mfa_invalid', 'The code is not valid');
  }
}

/** The action needs an enrolled second factor (e.g. disabling TOTP when none is set up). */
export class MfaRequiredError extends AppError {
  constructor(message = 'Two-factor authentication is not set up') {
    super(403, 'mfa_required', message);
  }
}

export class MfaAlreadyEnrolledError extends AppError {
  constructor() {
    super(409, 'mfa_already_enrolled', 'Two-factor authentication is already set up; disable it first');
  }
}

export class CodeInvalidError extends AppError {
  constructor() {
    super(400, 'code_invalid', 'The code is not valid');
  }
}

/** The code (or the sign-in challenge) ran out of time or attempts: ask for a new one. */
export class CodeExpiredError extends AppError {
  constructor(message = 'The code has expired; ask for a new one') {
    super(400, 'code_expired', message);
  }
}

export class WeakPasswordError extends AppError {
  constructor(rules: readonly string[]) {
    super(400, 'weak_password', 'The password does not meet the policy', { rules });
  }
}

export class SessionRevokedError extends AppError {
  constructor() {
    super(401, 'session_revoked', 'This session has ended; sign in again', undefined, { 'www-authenticate': 'Bearer' });
  }
}

export class AccountDisabledError extends AppError {
  constructor() {
    super(401, 'account_disabled', 'This account is disabled', undefined, { 'www-authenticate': 'Bearer' });
  }
}
