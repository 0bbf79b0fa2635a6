import { defineRoute } from '../../../shared/http/route.js';
import { requestMeta } from '../../../shared/identity/login-events.js';
import { noContent } from '../../../shared/identity/schemas.js';
import { revokeAllSessions } from '../../../shared/identity/sessions.js';

export default defineRoute({
  operationId: 'revokeAllSessions',
  method: 'DELETE',
  path: '/auth/sessions',
  summary: "Ends every session of the caller, this one included (sign out everywhere)",
  tags: ['auth'],
  access: 'authenticated',
  roles: ['admin', 'manager', 'agent', 'technician', 'customer'],
  status: 204,
  response: noContent,
  handler: async ({ actor, event }) => {
    await revokeAllSessions(actor.userId, { reason: 'sign_out_everywhere', meta: requestMeta(event) });
  },
});
