import { defineRoute } from '../../../shared/http/route.js';
import { listMessagesQuery as query, messagePage, ticketMessagesPath as path } from '../../../shared/tickets/conversation-schemas.js';
import { listMessages } from '../../../shared/tickets/messages.js';

export default defineRoute({
  operationId: 'listTicketMessages',
  method: 'GET',
  path: '/tickets/{ticketId}/messages',
  summary: "A ticket's conversation, oldest first. Customers get public replies only, never internal notes",
  tags: ['ticket-messages'],
  access: { permission: 'tickets:read' },
  roles: ['admin', 'manager', 'agent', 'technician', 'customer'],
  request: { path, query },
  response: messagePage,
  errors: [404],
  handler: async ({ path, query, actor }) => listMessages(actor, path.ticketId, query),
});
