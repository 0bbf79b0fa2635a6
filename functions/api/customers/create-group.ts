import { createCustomerGroup as body, customerGroupView } from '../../../shared/customers/schemas.js';
import { createGroup } from '../../../shared/customers/groups.js';
import { defineRoute } from '../../../shared/http/route.js';

export default defineRoute({
  operationId: 'createCustomerGroup',
  method: 'POST',
  path: '/customer-groups',
  summary: 'Create a customer group (name unique ignoring case)',
  tags: ['customers'],
  access: { permission: 'settings:update' },
  roles: ['admin'],
  request: { body },
  status: 201,
  response: customerGroupView,
  errors: [409],
  handler: async ({ body }) => createGroup(body),
});
