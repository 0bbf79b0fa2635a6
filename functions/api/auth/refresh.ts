import { defineRoute } from '../../../shared/http/route.js';
import { requestMeta } from '../../../shared/identity/login-events.js';
import { refreshRequest, refreshResult } from '../../../shared/identity/schemas.js';
import { refreshSession } from '../../../shared/identity/sessions.js';

export default defineRoute({
  operationId: 'refreshTokens',
  method: 'POST',
  path: '/auth/refresh',
  summary: "New access and ID tokens for a live session (session_revoked, account_disabled)",
  tags: ['auth'],
  access: 'public',
  roles: 'everyone',
  request: { body: refreshRequest },
  response: refreshResult,
  errors: [401],
  handler: async ({ body, event }) => ({ tokens: await refreshSession(body.sessionId, body.refreshToken, requestMeta(event)) }),
});
