import { NotFoundError } from '../../../shared/errors.js';
import { defineRoute } from '../../../shared/http/route.js';
import { requestMeta } from '../../../shared/identity/login-events.js';
import { noContent, sessionPath } from '../../../shared/identity/schemas.js';
import { endOwnSession } from '../../../shared/identity/sessions.js';

export default defineRoute({
  operationId: 'revokeSession',
  method: 'DELETE',
  path: '/auth/sessions/{sessionId}',
  summary: "Ends one of the caller's sessions (another user's answers not_found)",
  tags: ['auth'],
  access: 'authenticated',
  roles: ['admin', 'manager', 'agent', 'technician', 'customer'],
  request: { path: sessionPath },
  status: 204,
  response: noContent,
  errors: [404],
  handler: async ({ actor, path, event }) => {
    if (!(await endOwnSession(actor, path.sessionId, requestMeta(event)))) throw new NotFoundError('No such session');
  },
});
