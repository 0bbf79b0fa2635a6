import { defineRoute } from '../../../shared/http/route.js';
import { originalMessagePath as path } from '../../../shared/mail/admin-schemas.js';
import { originalMessageLink } from '../../../shared/mail/original.js';
import { downloadLink } from '../../../shared/uploads/schemas.js';

export default defineRoute({
  operationId: 'downloadTicketMessageOriginal',
  method: 'GET',
  path: '/tickets/{ticketId}/messages/{messageId}/original',
  summary: 'Staff: a 60 s link to the raw MIME an email message came from (`message-<number>.eml`); 404 for messages that did not arrive by email',
  tags: ['ticket-messages'],
  access: { permission: 'tickets:read' },
  roles: ['admin', 'manager', 'agent', 'technician'],
  staffOnly: true,
  request: { path },
  response: downloadLink,
  errors: [404],
  handler: async ({ path, actor }) => originalMessageLink(actor, path.ticketId, path.messageId),
});
