import { defineRoute } from '../../../shared/http/route.js';
import { userPath as path, userView } from '../../../shared/users/schemas.js';
import { setUserStatus } from '../../../shared/users/service.js';

export default defineRoute({
  operationId: 'disableUser',
  method: 'POST',
  path: '/users/{userId}/disable',
  summary: 'Disable an account: sign-in refused, unexpired tokens refused from the next request',
  tags: ['users'],
  access: { permission: 'users:manage' },
  roles: ['admin'],
  request: { path },
  response: userView,
  errors: [404],
  handler: async ({ path, actor }) => setUserStatus(path.userId, 'disabled', actor),
});
