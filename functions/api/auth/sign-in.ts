import { defineRoute } from '../../../shared/http/route.js';
import { requestMeta } from '../../../shared/identity/login-events.js';
import { signInRequest, signInResult } from '../../../shared/identity/schemas.js';
import { signIn } from '../../../shared/identity/sign-in.js';

export default defineRoute({
  operationId: 'signIn',
  method: 'POST',
  path: '/auth/sign-in',
  summary: 'Email and password: tokens and a session, or a TOTP / new-password challenge (invalid_credentials, locked)',
  tags: ['auth'],
  access: 'public',
  roles: 'everyone',
  request: { body: signInRequest },
  response: signInResult,
  errors: [401, 423],
  handler: async ({ body, event }) => signIn(body, requestMeta(event)),
});
