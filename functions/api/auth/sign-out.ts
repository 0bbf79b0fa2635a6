import { defineRoute } from '../../../shared/http/route.js';
import { requestMeta } from '../../../shared/identity/login-events.js';
import { noContent } from '../../../shared/identity/schemas.js';
import { signOut } from '../../../shared/identity/sessions.js';

export default defineRoute({
  operationId: 'signOut',
  method: 'POST',
  path: '/auth/sign-out',
  summary: 'Ends the current session (its tokens stop working at once)',
  tags: ['auth'],
  access: 'authenticated',
  roles: ['admin', 'manager', 'agent', 'technician', 'customer'],
  allowWithoutMfa: true,
  status: 204,
  response: noContent,
  handler: async ({ actor, event }) => signOut(actor, requestMeta(event)),
});
