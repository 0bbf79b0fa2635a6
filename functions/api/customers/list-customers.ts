import { customerPage, listCustomersQuery as query } from '../../../shared/customers/schemas.js';
import { listCustomers } from '../../../shared/customers/search.js';
import { defineRoute } from '../../../shared/http/route.js';

export default defineRoute({
  operationId: 'listCustomers',
  method: 'GET',
  path: '/customers',
  summary: 'Search customers by name, company, email, phone or registration number prefix (index-served), filter by status, type, group and created range, sort, paginate',
  tags: ['customers'],
  access: { permission: 'customers:read' },
  staffOnly: true,
  roles: ['admin', 'manager', 'agent', 'technician'],
  request: { query },
  response: customerPage,
  handler: async ({ query, actor }) => listCustomers(query, actor),
});
