import { createApiHandler } from '../../../shared/http/pipeline.js';
import acceptInvitation from './accept-invitation.js';
import declineInvitation from './decline-invitation.js';
import inviteContact from './invite-contact.js';
import listContacts from './list-contacts.js';
import listInvitations from './list-invitations.js';
import myCustomers from './my-customers.js';
import myInvitations from './my-invitations.js';
import removeContact from './remove-contact.js';
import revokeInvitation from './revoke-invitation.js';
import updateContact from './update-contact.js';

export const routes = [
  myCustomers,
  listContacts,
  updateContact,
  removeContact,
  inviteContact,
  listInvitations,
  revokeInvitation,
  myInvitations,
  acceptInvitation,
  declineInvitation,
];
export const handler = createApiHandler(routes);
