import { defineRoute } from '../../../shared/http/route.js';
import { changeUserRole as body, userPath as path, userView } from '../../../shared/users/schemas.js';
import { changeUserRole } from '../../../shared/users/service.js';

export default defineRoute({
  operationId: 'changeUserRole',
  method: 'PUT',
  path: '/users/{userId}/role',
  summary: "Change a staff user's role (optimistic locking; takes effect on their next request)",
  tags: ['users'],
  access: { permission: 'users:manage' },
  roles: ['admin'],
  request: { path, body },
  response: userView,
  errors: [404, 409],
  handler: async ({ path, body, actor }) => changeUserRole(path.userId, body, actor),
});
