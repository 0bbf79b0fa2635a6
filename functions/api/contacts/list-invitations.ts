import { customerPath as path, invitationList } from '../../../shared/contacts/schemas.js';
import { listInvitations } from '../../../shared/contacts/service.js';
import { defineRoute } from '../../../shared/http/route.js';

export default defineRoute({
  operationId: 'listContactInvitations',
  method: 'GET',
  path: '/customers/{customerId}/invitations',
  summary: "An account's pending invitations, newest first (staff, or a contact who manages contacts)",
  tags: ['contacts'],
  access: { permission: 'contacts:read' },
  roles: ['admin', 'manager', 'agent', 'customer'],
  request: { path },
  response: invitationList,
  errors: [404],
  handler: async ({ path, actor }) => listInvitations(actor, path.customerId),
});
