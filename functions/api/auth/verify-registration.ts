import { defineRoute } from '../../../shared/http/route.js';
import { requestMeta } from '../../../shared/identity/login-events.js';
import { verifyRegistration } from '../../../shared/identity/registration.js';
import { verified, verifyRegistrationRequest } from '../../../shared/identity/schemas.js';

export default defineRoute({
  operationId: 'verifyRegistration',
  method: 'POST',
  path: '/auth/register/verify',
  summary: 'Confirms a registration with the emailed code (code_invalid, code_expired)',
  tags: ['auth'],
  access: 'public',
  roles: 'everyone',
  request: { body: verifyRegistrationRequest },
  response: verified,
  handler: async ({ body, event }) => {
    await verifyRegistration(body, requestMeta(event));
    return { status: 'verified' as const };
  },
});
