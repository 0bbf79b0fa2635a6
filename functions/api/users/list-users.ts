import { defineRoute } from '../../../shared/http/route.js';
import { listUsersQuery as query, userPage } from '../../../shared/users/schemas.js';
import { listUsers } from '../../../shared/users/service.js';

export default defineRoute({
  operationId: 'listUsers',
  method: 'GET',
  path: '/users',
  summary: 'Users by email (prefix search), filtered by role, status and kind; cursor pagination',
  tags: ['users'],
  access: { permission: 'users:read' },
  roles: ['admin', 'manager'],
  request: { query },
  response: userPage,
  handler: async ({ query }) => listUsers(query),
});
