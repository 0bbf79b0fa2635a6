import { contactPath as path, noContent } from '../../../shared/contacts/schemas.js';
import { removeContact } from '../../../shared/contacts/service.js';
import { defineRoute } from '../../../shared/http/route.js';

export default defineRoute({
  operationId: 'removeCustomerContact',
  method: 'DELETE',
  path: '/customers/{customerId}/contacts/{userId}',
  summary: 'Remove a contact (staff, a contact who manages contacts, or the contact leaving); the last owner cannot go',
  tags: ['contacts'],
  access: { permission: 'contacts:manage' },
  roles: ['admin', 'manager', 'agent', 'customer'],
  request: { path },
  status: 204,
  response: noContent,
  errors: [404, 409],
  handler: async ({ path, actor }) => removeContact(actor, path.customerId, path.userId),
});
