import { myAccount } from '../../../shared/contacts/my-accounts.js';
import { myInvitationPath as path } from '../../../shared/contacts/schemas.js';
import { acceptInvitation } from '../../../shared/contacts/service.js';
import { defineRoute } from '../../../shared/http/route.js';

export default defineRoute({
  operationId: 'acceptInvitation',
  method: 'POST',
  path: '/me/invitations/{invitationId}/accept',
  summary: 'Accept an invitation addressed to the caller: they become a contact of the account, which is answered',
  tags: ['contacts'],
  access: 'authenticated',
  roles: ['admin', 'manager', 'agent', 'technician', 'customer'],
  request: { path },
  response: myAccount,
  errors: [404, 409, 410],
  handler: async ({ path, actor }) => acceptInvitation(actor, path.invitationId),
});
