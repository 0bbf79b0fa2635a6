import { defineRoute } from '../../../shared/http/route.js';
import { sessionList } from '../../../shared/identity/schemas.js';
import { listSessions } from '../../../shared/identity/sessions.js';

export default defineRoute({
  operationId: 'listSessions',
  method: 'GET',
  path: '/auth/sessions',
  summary: "The caller's active sessions (the current one flagged)",
  tags: ['auth'],
  access: 'authenticated',
  roles: ['admin', 'manager', 'agent', 'technician', 'customer'],
  allowWithoutMfa: true,
  response: sessionList,
  handler: async ({ actor }) => ({ items: await listSessions(actor.userId, actor.sessionId) }),
});
