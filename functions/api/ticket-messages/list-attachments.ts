import { defineRoute } from '../../../shared/http/route.js';
import { listAttachments } from '../../../shared/tickets/attachments.js';
import { attachmentPage, listAttachmentsQuery as query, ticketMessagesPath as path } from '../../../shared/tickets/conversation-schemas.js';

export default defineRoute({
  operationId: 'listTicketAttachments',
  method: 'GET',
  path: '/tickets/{ticketId}/attachments',
  summary: "A ticket's attachments, oldest first. Customers get checked public files only, never those of internal notes",
  tags: ['ticket-messages'],
  access: { permission: 'tickets:read' },
  roles: ['admin', 'manager', 'agent', 'technician', 'customer'],
  request: { path, query },
  response: attachmentPage,
  errors: [404],
  handler: async ({ path, query, actor }) => listAttachments(actor, path.ticketId, query),
});
