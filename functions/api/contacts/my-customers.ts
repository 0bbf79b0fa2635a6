import { myAccounts } from '../../../shared/contacts/my-accounts.js';
import { listMyAccounts } from '../../../shared/contacts/service.js';
import { defineRoute } from '../../../shared/http/route.js';

export default defineRoute({
  operationId: 'listMyCustomers',
  method: 'GET',
  path: '/me/customers',
  summary: 'The customer accounts the caller acts for, with their contact role and rights (staff: none)',
  tags: ['contacts'],
  access: 'authenticated',
  roles: ['admin', 'manager', 'agent', 'technician', 'customer'],
  response: myAccounts,
  handler: async ({ actor }) => listMyAccounts(actor),
});
