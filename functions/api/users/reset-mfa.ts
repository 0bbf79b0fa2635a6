import { defineRoute } from '../../../shared/http/route.js';
import { userPath as path, userView } from '../../../shared/users/schemas.js';
import { resetUserMfa } from '../../../shared/users/service.js';

export default defineRoute({
  operationId: 'resetUserMfa',
  method: 'POST',
  path: '/users/{userId}/mfa/reset',
  summary: "Reset a user's two-factor authentication (lost phone): they enrol again; they are told by email",
  tags: ['users'],
  access: { permission: 'users:manage' },
  roles: ['admin'],
  request: { path },
  response: userView,
  errors: [404],
  handler: async ({ path, actor }) => resetUserMfa(path.userId, actor),
});
