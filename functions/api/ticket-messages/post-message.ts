import { defineRoute } from '../../../shared/http/route.js';
import { postMessage as body, postMessageResult, ticketMessagesPath as path } from '../../../shared/tickets/conversation-schemas.js';
import { postMessage } from '../../../shared/tickets/messages.js';

export default defineRoute({
  operationId: 'postTicketMessage',
  method: 'POST',
  path: '/tickets/{ticketId}/messages',
  summary:
    'Reply (staff or customer) or add an internal note (staff only) with checked attachments (≤ 10: `too_many_attachments`; `invalid_attachment`), optional `cannedReplyId` (counted) and @mentions in notes (emailed). A staff reply answers open/in_progress tickets; a customer reply reopens, or on a ticket closed > 14 days ago opens a linked follow-up ticket',
  tags: ['ticket-messages'],
  access: { permission: 'tickets:update' },
  roles: ['admin', 'manager', 'agent', 'technician', 'customer'],
  request: { path, body },
  status: 201,
  response: postMessageResult,
  errors: [403, 404, 409],
  handler: async ({ path, body, actor }) => postMessage(actor, path.ticketId, body),
});
