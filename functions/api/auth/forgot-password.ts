import { defineRoute } from '../../../shared/http/route.js';
import { forgotPassword } from '../../../shared/identity/account-security.js';
import { requestMeta } from '../../../shared/identity/login-events.js';
import { forgotPasswordRequest, resetCodeSent } from '../../../shared/identity/schemas.js';

export default defineRoute({
  operationId: 'forgotPassword',
  method: 'POST',
  path: '/auth/password/forgot',
  summary: 'Emails a reset code; the answer is the same whether or not the address exists',
  tags: ['auth'],
  access: 'public',
  roles: 'everyone',
  request: { body: forgotPasswordRequest },
  status: 202,
  response: resetCodeSent,
  handler: async ({ body, event }) => {
    await forgotPassword(body, requestMeta(event));
    return { status: 'reset_code_sent' as const };
  },
});
