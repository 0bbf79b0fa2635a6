import { defineRoute } from '../../../shared/http/route.js';
import { loginHistory } from '../../../shared/identity/login-events.js';
import { loginEventPage, loginHistoryQuery } from '../../../shared/identity/schemas.js';

export default defineRoute({
  operationId: 'getLoginHistory',
  method: 'GET',
  path: '/auth/login-history',
  summary: "The caller's sign-in attempts, newest first (time, IP, user agent, outcome)",
  tags: ['auth'],
  access: 'authenticated',
  roles: ['admin', 'manager', 'agent', 'technician', 'customer'],
  request: { query: loginHistoryQuery },
  response: loginEventPage,
  handler: async ({ actor, query }) => loginHistory(actor.userId, query),
});
