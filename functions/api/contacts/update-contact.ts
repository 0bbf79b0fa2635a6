import { contactPath as path, contactView, updateContact as body } from '../../../shared/contacts/schemas.js';
import { updateContact } from '../../../shared/contacts/service.js';
import { defineRoute } from '../../../shared/http/route.js';

export default defineRoute({
  operationId: 'updateCustomerContact',
  method: 'PATCH',
  path: '/customers/{customerId}/contacts/{userId}',
  summary: "Change a contact's role and rights (staff, or a contact who manages contacts; only owners touch owners). The last owner stays owner",
  tags: ['contacts'],
  access: { permission: 'contacts:manage' },
  roles: ['admin', 'manager', 'agent', 'customer'],
  request: { path, body },
  response: contactView,
  errors: [404, 409],
  handler: async ({ path, body, actor }) => updateContact(actor, path.customerId, path.userId, body),
});
