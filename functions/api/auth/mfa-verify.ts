import { defineRoute } from '../../../shared/http/route.js';
import { bearerToken } from '../../../shared/identity/cognito-flows.js';
import { requestMeta } from '../../../shared/identity/login-events.js';
import { confirmMfaSetup } from '../../../shared/identity/mfa.js';
import { backupCodes, mfaCodeRequest } from '../../../shared/identity/schemas.js';

export default defineRoute({
  operationId: 'confirmMfaSetup',
  method: 'POST',
  path: '/auth/mfa/verify',
  summary: 'Turns TOTP on with a first code; answers the 10 backup codes, shown once (mfa_invalid, code_expired)',
  tags: ['auth'],
  access: 'authenticated',
  roles: ['admin', 'manager', 'agent', 'technician', 'customer'],
  allowWithoutMfa: true,
  request: { body: mfaCodeRequest },
  response: backupCodes,
  errors: [404, 409],
  handler: async ({ actor, body, event }) => ({
    backupCodes: await confirmMfaSetup(actor.userId, bearerToken(event.headers), body.code, requestMeta(event)),
  }),
});
