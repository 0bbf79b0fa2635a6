import { customerGroupList } from '../../../shared/customers/schemas.js';
import { listGroups } from '../../../shared/customers/groups.js';
import { defineRoute } from '../../../shared/http/route.js';

export default defineRoute({
  operationId: 'listCustomerGroups',
  method: 'GET',
  path: '/customer-groups',
  summary: 'Customer groups (discount, tax exemption), by name',
  tags: ['customers'],
  access: { permission: 'customers:read' },
  staffOnly: true,
  roles: ['admin', 'manager', 'agent', 'technician'],
  response: customerGroupList,
  handler: async () => ({ items: await listGroups() }),
});
