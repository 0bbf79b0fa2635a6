import { contactList, customerPath as path } from '../../../shared/contacts/schemas.js';
import { listContacts } from '../../../shared/contacts/service.js';
import { defineRoute } from '../../../shared/http/route.js';

export default defineRoute({
  operationId: 'listCustomerContacts',
  method: 'GET',
  path: '/customers/{customerId}/contacts',
  summary: "An account's contacts, owners first (staff, or any contact of that account)",
  tags: ['contacts'],
  access: { permission: 'contacts:read' },
  roles: ['admin', 'manager', 'agent', 'customer'],
  request: { path },
  response: contactList,
  errors: [404],
  handler: async ({ path, actor }) => listContacts(actor, path.customerId),
});
