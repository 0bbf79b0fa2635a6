import { defineRoute } from '../../../shared/http/route.js';
import { createStaffUser as body, userView } from '../../../shared/users/schemas.js';
import { createStaffUser } from '../../../shared/users/service.js';

export default defineRoute({
  operationId: 'createStaffUser',
  method: 'POST',
  path: '/users',
  summary: 'Invite a staff member: account with a temporary password sent by email, changed at first sign-in',
  tags: ['users'],
  access: { permission: 'users:manage' },
  roles: ['admin'],
  request: { body },
  status: 201,
  response: userView,
  errors: [409, 503],
  handler: async ({ body, actor }) => createStaffUser(body, actor),
});
