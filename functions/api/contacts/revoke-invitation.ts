import { invitationPath as path, noContent } from '../../../shared/contacts/schemas.js';
import { revokeInvitation } from '../../../shared/contacts/service.js';
import { defineRoute } from '../../../shared/http/route.js';

export default defineRoute({
  operationId: 'revokeContactInvitation',
  method: 'DELETE',
  path: '/customers/{customerId}/invitations/{invitationId}',
  summary: 'Revoke a pending invitation (staff, or a contact who manages contacts; only owners revoke owner invitations)',
  tags: ['contacts'],
  access: { permission: 'contacts:manage' },
  roles: ['admin', 'manager', 'agent', 'customer'],
  request: { path },
  status: 204,
  response: noContent,
  errors: [404, 409],
  handler: async ({ path, actor }) => revokeInvitation(actor, path.customerId, path.invitationId),
});
