import { defineRoute } from '../../../shared/http/route.js';
import { completeAttachment } from '../../../shared/tickets/attachments.js';
import { attachmentView, ticketAttachmentPath as path } from '../../../shared/tickets/conversation-schemas.js';

export default defineRoute({
  operationId: 'completeTicketAttachment',
  method: 'POST',
  path: '/tickets/{ticketId}/attachments/{attachmentId}/complete',
  summary:
    'Check the uploaded file (real size, first bytes match the extension, never an executable): available, or quarantined with `file_too_large` (413) / `file_type_not_allowed` (415); `upload_missing` (409) when nothing was uploaded. Uploader only',
  tags: ['ticket-messages'],
  access: { permission: 'tickets:update' },
  roles: ['admin', 'manager', 'agent', 'technician', 'customer'],
  request: { path },
  response: attachmentView,
  errors: [403, 404, 409, 413, 415],
  handler: async ({ path, actor }) => completeAttachment(actor, path.ticketId, path.attachmentId),
});
