import { defineRoute } from '../../../shared/http/route.js';
import { requestMeta } from '../../../shared/identity/login-events.js';
import { register } from '../../../shared/identity/registration.js';
import { registerRequest, verificationSent } from '../../../shared/identity/schemas.js';

export default defineRoute({
  operationId: 'register',
  method: 'POST',
  path: '/auth/register',
  summary: 'Customer self-registration: emails a 6-digit verification code (same answer when the address is taken)',
  tags: ['auth'],
  access: 'public',
  roles: 'everyone',
  request: { body: registerRequest },
  status: 202,
  response: verificationSent,
  handler: async ({ body, event }) => {
    await register(body, requestMeta(event));
    return { status: 'verification_sent' as const };
  },
});
