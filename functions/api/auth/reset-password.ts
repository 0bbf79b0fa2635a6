import { defineRoute } from '../../../shared/http/route.js';
import { resetPassword } from '../../../shared/identity/account-security.js';
import { requestMeta } from '../../../shared/identity/login-events.js';
import { passwordReset, resetPasswordRequest } from '../../../shared/identity/schemas.js';

export default defineRoute({
  operationId: 'resetPassword',
  method: 'POST',
  path: '/auth/password/reset',
  summary: 'Sets a new password with the emailed code and ends every session (code_invalid, code_expired, weak_password)',
  tags: ['auth'],
  access: 'public',
  roles: 'everyone',
  request: { body: resetPasswordRequest },
  response: passwordReset,
  handler: async ({ body, event }) => {
    await resetPassword(body, requestMeta(event));
    return { status: 'password_reset' as const };
  },
});
