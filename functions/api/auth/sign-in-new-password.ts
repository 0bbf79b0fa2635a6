import { defineRoute } from '../../../shared/http/route.js';
import { requestMeta } from '../../../shared/identity/login-events.js';
import { newPasswordRequest, signInResult } from '../../../shared/identity/schemas.js';
import { completeNewPassword } from '../../../shared/identity/sign-in.js';

export default defineRoute({
  operationId: 'signInNewPassword',
  method: 'POST',
  path: '/auth/sign-in/new-password',
  summary: "Sets an invited user's own password on first sign-in (weak_password, code_expired)",
  tags: ['auth'],
  access: 'public',
  roles: 'everyone',
  request: { body: newPasswordRequest },
  response: signInResult,
  errors: [401, 423],
  handler: async ({ body, event }) => completeNewPassword(body, requestMeta(event)),
});
