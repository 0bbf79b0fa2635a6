import { defineRoute } from '../../../shared/http/route.js';
import { requestEmailChange } from '../../../shared/identity/account-security.js';
import { requestMeta } from '../../../shared/identity/login-events.js';
import { changeEmailRequest, verificationSent } from '../../../shared/identity/schemas.js';

export default defineRoute({
  operationId: 'changeEmail',
  method: 'POST',
  path: '/auth/email/change',
  summary: 'Emails a code to the new address, which becomes the sign-in address once verified',
  tags: ['auth'],
  access: 'authenticated',
  roles: ['admin', 'manager', 'agent', 'technician', 'customer'],
  request: { body: changeEmailRequest },
  status: 202,
  response: verificationSent,
  handler: async ({ actor, body, event }) => {
    await requestEmailChange(actor, body, requestMeta(event));
    return { status: 'verification_sent' as const };
  },
});
