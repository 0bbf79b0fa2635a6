import { createCustomer as body, customerView } from '../../../shared/customers/schemas.js';
import { createCustomer } from '../../../shared/customers/service.js';
import { defineRoute } from '../../../shared/http/route.js';

export default defineRoute({
  operationId: 'createCustomer',
  method: 'POST',
  path: '/customers',
  summary: 'Open a customer account (status pending); registration numbers must be unique',
  tags: ['customers'],
  access: { permission: 'customers:create' },
  staffOnly: true,
  roles: ['admin', 'manager'],
  request: { body },
  status: 201,
  response: customerView,
  errors: [409],
  handler: async ({ body, actor }) => createCustomer(body, actor),
});
