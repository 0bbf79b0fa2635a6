import { defineRoute } from '../../../shared/http/route.js';
import { requestMeta } from '../../../shared/identity/login-events.js';
import { backupCodeSignInRequest, signInResult } from '../../../shared/identity/schemas.js';
import { signInWithBackupCode } from '../../../shared/identity/sign-in.js';

export default defineRoute({
  operationId: 'signInBackupCode',
  method: 'POST',
  path: '/auth/sign-in/backup-code',
  summary: 'Password and a single-use backup code; turns TOTP off so it must be set up again',
  tags: ['auth'],
  access: 'public',
  roles: 'everyone',
  request: { body: backupCodeSignInRequest },
  response: signInResult,
  errors: [401, 423],
  handler: async ({ body, event }) => signInWithBackupCode(body, requestMeta(event)),
});
