import { noContent } from '../../../shared/identity/schemas.js';
import { customerGroupPath as path } from '../../../shared/customers/schemas.js';
import { deleteGroup } from '../../../shared/customers/groups.js';
import { defineRoute } from '../../../shared/http/route.js';

export default defineRoute({
  operationId: 'deleteCustomerGroup',
  method: 'DELETE',
  path: '/customer-groups/{groupId}',
  summary: 'Delete a customer group no customer belongs to (else 409 group_in_use)',
  tags: ['customers'],
  access: { permission: 'settings:update' },
  roles: ['admin'],
  request: { path },
  status: 204,
  response: noContent,
  errors: [404, 409],
  handler: async ({ path }) => deleteGroup(path.groupId),
});
