import { defineRoute } from '../../../shared/http/route.js';
import { changePassword } from '../../../shared/identity/account-security.js';
import { bearerToken } from '../../../shared/identity/cognito-flows.js';
import { requestMeta } from '../../../shared/identity/login-events.js';
import { changePasswordRequest, noContent } from '../../../shared/identity/schemas.js';

export default defineRoute({
  operationId: 'changePassword',
  method: 'POST',
  path: '/auth/password/change',
  summary: 'Changes the password (current one required; 400 invalid_credentials, weak_password, locked); other sessions end',
  tags: ['auth'],
  access: 'authenticated',
  roles: ['admin', 'manager', 'agent', 'technician', 'customer'],
  request: { body: changePasswordRequest },
  status: 204,
  response: noContent,
  errors: [423],
  handler: async ({ actor, body, event }) => changePassword(actor, bearerToken(event.headers), body, requestMeta(event)),
});
