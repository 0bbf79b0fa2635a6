import { defineRoute } from '../../../shared/http/route.js';
import { verifyEmailChange } from '../../../shared/identity/account-security.js';
import { requestMeta } from '../../../shared/identity/login-events.js';
import { verified, verifyEmailChangeRequest } from '../../../shared/identity/schemas.js';

export default defineRoute({
  operationId: 'verifyEmailChange',
  method: 'POST',
  path: '/auth/email/verify',
  summary: 'Confirms the new address with the emailed code (code_invalid, code_expired)',
  tags: ['auth'],
  access: 'authenticated',
  roles: ['admin', 'manager', 'agent', 'technician', 'customer'],
  request: { body: verifyEmailChangeRequest },
  response: verified,
  handler: async ({ actor, body, event }) => {
    await verifyEmailChange(actor, body, requestMeta(event));
    return { status: 'verified' as const };
  },
});
