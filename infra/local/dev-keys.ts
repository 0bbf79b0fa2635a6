/**
 * The local twin's MFA_ENCRYPTION_KEY (AES-256-GCM key for TOTP secrets, sign-in challenges and
 * refresh tokens at rest, shared/identity/crypto.ts): SHA-256 of "cloudmanager-local-twin-only",
 * fixed so `.local/` data stays readable across restarts. It protects demo data only; deployed
 * stages get a generated key (infra/constructs/auth.ts).
 */
export const localMfaEncryptionKey = '3e9f0e90b85a07e335877c2fac0923c74ca12e5f89361feb571705c0a6dc0f72';
