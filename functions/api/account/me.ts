import { me } from '../../../shared/account/schemas.js';
import { defineRoute } from '../../../shared/http/route.js';

export default defineRoute({
  operationId: 'getMe',
  method: 'GET',
  path: '/me',
  summary: 'Who the caller is: user, role and permissions',
  tags: ['account'],
  access: 'authenticated',
  roles: ['admin', 'manager', 'agent', 'technician', 'customer'],
  allowWithoutMfa: true,
  response: me,
  handler: async ({ actor }) => ({
    userId: actor.userId,
    username: actor.username,
    role: actor.role,
    groups: actor.groups,
    isStaff: actor.isStaff,
    permissions: [...actor.permissions].sort(),
  }),
});
