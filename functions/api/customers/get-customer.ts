import { customerDetail, customerPath as path } from '../../../shared/customers/schemas.js';
import { getCustomerDetail } from '../../../shared/customers/service.js';
import { defineRoute } from '../../../shared/http/route.js';

export default defineRoute({
  operationId: 'getCustomer',
  method: 'GET',
  path: '/customers/{customerId}',
  summary: 'One customer with its KYC summary and whether it can be activated (customers: only their own accounts)',
  tags: ['customers'],
  access: { permission: 'customers:read' },
  roles: ['admin', 'manager', 'agent', 'technician', 'customer'],
  request: { path },
  response: customerDetail,
  errors: [404],
  handler: async ({ path, actor }) => getCustomerDetail(path.customerId, actor),
});
