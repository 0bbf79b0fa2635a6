import { customerPath as path, invitationView, inviteContact as body } from '../../../shared/contacts/schemas.js';
import { inviteContact } from '../../../shared/contacts/service.js';
import { defineRoute } from '../../../shared/http/route.js';

export default defineRoute({
  operationId: 'inviteCustomerContact',
  method: 'POST',
  path: '/customers/{customerId}/invitations',
  summary: 'Invite someone by email to become a contact (valid 14 days; only owners invite owners); the invitee is emailed',
  tags: ['contacts'],
  access: { permission: 'contacts:manage' },
  roles: ['admin', 'manager', 'agent', 'customer'],
  request: { path, body },
  status: 201,
  response: invitationView,
  errors: [404, 409],
  handler: async ({ path, body, actor }) => inviteContact(actor, path.customerId, body),
});
