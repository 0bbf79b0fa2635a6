import { customerPath as path, customerView, updateCustomer as body } from '../../../shared/customers/schemas.js';
import { updateCustomer } from '../../../shared/customers/service.js';
import { defineRoute } from '../../../shared/http/route.js';

export default defineRoute({
  operationId: 'updateCustomer',
  method: 'PUT',
  path: '/customers/{customerId}',
  summary: "Edit a customer's profile if the version is current (customers: owners or contacts managing the account; never the group)",
  tags: ['customers'],
  access: { permission: 'customers:update' },
  roles: ['admin', 'manager', 'agent', 'customer'],
  request: { path, body },
  response: customerView,
  errors: [404, 409],
  handler: async ({ path, body, actor }) => updateCustomer(path.customerId, body, actor),
});
