import { defineRoute } from '../../../shared/http/route.js';
import { downloadAttachment } from '../../../shared/tickets/attachments.js';
import { ticketAttachmentPath as path } from '../../../shared/tickets/conversation-schemas.js';
import { downloadLink } from '../../../shared/uploads/schemas.js';

export default defineRoute({
  operationId: 'downloadTicketAttachment',
  method: 'GET',
  path: '/tickets/{ticketId}/attachments/{attachmentId}/download',
  summary: 'A short-lived link that downloads the file as an attachment, after the object check; `attachment_unavailable` (409) before a checked upload',
  tags: ['ticket-messages'],
  access: { permission: 'tickets:read' },
  roles: ['admin', 'manager', 'agent', 'technician', 'customer'],
  request: { path },
  response: downloadLink,
  errors: [404, 409],
  handler: async ({ path, actor }) => downloadAttachment(actor, path.ticketId, path.attachmentId),
});
