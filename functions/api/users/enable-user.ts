import { defineRoute } from '../../../shared/http/route.js';
import { userPath as path, userView } from '../../../shared/users/schemas.js';
import { setUserStatus } from '../../../shared/users/service.js';

export default defineRoute({
  operationId: 'enableUser',
  method: 'POST',
  path: '/users/{userId}/enable',
  summary: 'Enable a disabled account again',
  tags: ['users'],
  access: { permission: 'users:manage' },
  roles: ['admin'],
  request: { path },
  response: userView,
  errors: [404],
  handler: async ({ path, actor }) => setUserStatus(path.userId, 'active', actor),
});
