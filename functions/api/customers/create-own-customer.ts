import { createOwnCustomer as body, customerView } from '../../../shared/customers/schemas.js';
import { createOwnCustomer } from '../../../shared/customers/service.js';
import { defineRoute } from '../../../shared/http/route.js';

export default defineRoute({
  operationId: 'createOwnCustomer',
  method: 'POST',
  path: '/me/customers',
  summary: 'A customer user opens an account (status pending) and becomes its owner contact',
  tags: ['customers'],
  access: 'authenticated',
  customersOnly: true,
  roles: ['customer'],
  request: { body },
  status: 201,
  response: customerView,
  errors: [409],
  handler: async ({ body, actor }) => createOwnCustomer(body, actor),
});
