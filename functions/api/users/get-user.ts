import { defineRoute } from '../../../shared/http/route.js';
import { userPath as path, userView } from '../../../shared/users/schemas.js';
import { getUser } from '../../../shared/users/service.js';

export default defineRoute({
  operationId: 'getUser',
  method: 'GET',
  path: '/users/{userId}',
  summary: "One user's account: role, status, 2FA enrolment",
  tags: ['users'],
  access: { permission: 'users:read' },
  roles: ['admin', 'manager'],
  request: { path },
  response: userView,
  errors: [404],
  handler: async ({ path }) => getUser(path.userId),
});
