import { changeCustomerStatus as body, customerPath as path, customerView } from '../../../shared/customers/schemas.js';
import { changeCustomerStatus } from '../../../shared/customers/lifecycle.js';
import { defineRoute } from '../../../shared/http/route.js';

export default defineRoute({
  operationId: 'changeCustomerStatus',
  method: 'POST',
  path: '/customers/{customerId}/status',
  summary: 'Move a customer along pending → active ⇄ suspended → inactive → active with a reason; activation needs complete verified KYC unless an admin overrides',
  tags: ['customers'],
  access: { permission: 'customers:update' },
  staffOnly: true,
  roles: ['admin', 'manager', 'agent'],
  request: { path, body },
  response: customerView,
  errors: [404, 409],
  handler: async ({ path, body, actor }) => changeCustomerStatus(path.customerId, body, actor),
});
