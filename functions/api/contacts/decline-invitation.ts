import { myInvitationPath as path, noContent } from '../../../shared/contacts/schemas.js';
import { declineInvitation } from '../../../shared/contacts/service.js';
import { defineRoute } from '../../../shared/http/route.js';

export default defineRoute({
  operationId: 'declineInvitation',
  method: 'POST',
  path: '/me/invitations/{invitationId}/decline',
  summary: 'Decline an invitation addressed to the caller',
  tags: ['contacts'],
  access: 'authenticated',
  roles: ['admin', 'manager', 'agent', 'technician', 'customer'],
  request: { path },
  status: 204,
  response: noContent,
  errors: [404, 409, 410],
  handler: async ({ path, actor }) => declineInvitation(actor, path.invitationId),
});
