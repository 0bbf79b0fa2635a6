import { invitationList } from '../../../shared/contacts/schemas.js';
import { listMyInvitations } from '../../../shared/contacts/service.js';
import { defineRoute } from '../../../shared/http/route.js';

export default defineRoute({
  operationId: 'listMyInvitations',
  method: 'GET',
  path: '/me/invitations',
  summary: "Pending, unexpired invitations addressed to the caller's email (staff: none)",
  tags: ['contacts'],
  access: 'authenticated',
  roles: ['admin', 'manager', 'agent', 'technician', 'customer'],
  response: invitationList,
  handler: async ({ actor }) => listMyInvitations(actor),
});
