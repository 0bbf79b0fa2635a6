import { defineRoute } from '../../../shared/http/route.js';
import { createAttachment } from '../../../shared/tickets/attachments.js';
import { attachmentUpload, ticketMessagesPath as path } from '../../../shared/tickets/conversation-schemas.js';
import { uploadRequest as body } from '../../../shared/uploads/schemas.js';

export default defineRoute({
  operationId: 'createTicketAttachment',
  method: 'POST',
  path: '/tickets/{ticketId}/attachments',
  summary:
    'Declare a file for a ticket and get a presigned POST for it: ≤ 20 MB else `file_too_large` (413); PDF, images, text or office documents, never an executable or script (also as a double extension such as invoice.pdf.exe) else `file_type_not_allowed` (415); at most 10 uploads in flight (`too_many_attachments`)',
  tags: ['ticket-messages'],
  access: { permission: 'tickets:update' },
  roles: ['admin', 'manager', 'agent', 'technician', 'customer'],
  request: { path, body },
  status: 201,
  response: attachmentUpload,
  errors: [403, 404, 413, 415],
  handler: async ({ path, body, actor }) => createAttachment(actor, path.ticketId, body),
});
