import { defineRoute } from '../../../shared/http/route.js';
import { bearerToken } from '../../../shared/identity/cognito-flows.js';
import { requestMeta } from '../../../shared/identity/login-events.js';
import { startMfaSetup } from '../../../shared/identity/mfa.js';
import { mfaSetup } from '../../../shared/identity/schemas.js';

export default defineRoute({
  operationId: 'startMfaSetup',
  method: 'POST',
  path: '/auth/mfa/setup',
  summary: 'A new TOTP secret and its otpauth:// URI (render as QR code); confirm with POST /auth/mfa/verify',
  tags: ['auth'],
  access: 'authenticated',
  roles: ['admin', 'manager', 'agent', 'technician', 'customer'],
  allowWithoutMfa: true,
  response: mfaSetup,
  errors: [404, 409],
  handler: async ({ actor, event }) => startMfaSetup(actor.userId, bearerToken(event.headers), requestMeta(event)),
});
