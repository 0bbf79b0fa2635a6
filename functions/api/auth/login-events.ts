import { defineRoute } from '../../../shared/http/route.js';
import { loginFailures } from '../../../shared/identity/login-events.js';
import { loginEventPage, loginEventsQuery } from '../../../shared/identity/schemas.js';

export default defineRoute({
  operationId: 'listLoginFailures',
  method: 'GET',
  path: '/auth/login-events',
  summary: 'Failed sign-ins and lockouts across all users, newest first (admins)',
  tags: ['auth'],
  access: { permission: 'users:read' },
  roles: ['admin', 'manager'],
  request: { query: loginEventsQuery },
  response: loginEventPage,
  handler: async ({ query }) => loginFailures(query),
});
