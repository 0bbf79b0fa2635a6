import { defineRoute } from '../../../shared/http/route.js';
import { bearerToken } from '../../../shared/identity/cognito-flows.js';
import { requestMeta } from '../../../shared/identity/login-events.js';
import { disableMfa } from '../../../shared/identity/mfa.js';
import { mfaCodeRequest, noContent } from '../../../shared/identity/schemas.js';

export default defineRoute({
  operationId: 'disableMfa',
  method: 'POST',
  path: '/auth/mfa/disable',
  summary: 'Turns TOTP off; needs a current code (mfa_invalid, mfa_required)',
  tags: ['auth'],
  access: 'authenticated',
  roles: ['admin', 'manager', 'agent', 'technician', 'customer'],
  request: { body: mfaCodeRequest },
  status: 204,
  response: noContent,
  handler: async ({ actor, body, event }) => disableMfa(actor.userId, bearerToken(event.headers), body.code, requestMeta(event)),
});
