import { defineRoute } from '../../../shared/http/route.js';
import { requestMeta } from '../../../shared/identity/login-events.js';
import { mfaChallengeRequest, signInResult } from '../../../shared/identity/schemas.js';
import { answerMfaChallenge } from '../../../shared/identity/sign-in.js';

export default defineRoute({
  operationId: 'signInMfa',
  method: 'POST',
  path: '/auth/sign-in/mfa',
  summary: 'Answers a TOTP challenge; each code works once (mfa_invalid, locked, code_expired)',
  tags: ['auth'],
  access: 'public',
  roles: 'everyone',
  request: { body: mfaChallengeRequest },
  response: signInResult,
  errors: [401, 423],
  handler: async ({ body, event }) => answerMfaChallenge(body, requestMeta(event)),
});
