import { customerGroupPath as path, customerGroupView, updateCustomerGroup as body } from '../../../shared/customers/schemas.js';
import { updateGroup } from '../../../shared/customers/groups.js';
import { defineRoute } from '../../../shared/http/route.js';

export default defineRoute({
  operationId: 'updateCustomerGroup',
  method: 'PUT',
  path: '/customer-groups/{groupId}',
  summary: 'Edit a customer group if the version is current',
  tags: ['customers'],
  access: { permission: 'settings:update' },
  roles: ['admin'],
  request: { path, body },
  response: customerGroupView,
  errors: [404, 409],
  handler: async ({ path, body }) => updateGroup(path.groupId, body),
});
