import { defineRoute } from '../../../shared/http/route.js';
import { rateTicket as body, ticketPath as path, ticketView } from '../../../shared/tickets/schemas.js';
import { rateTicket, toTicketView } from '../../../shared/tickets/service.js';

export default defineRoute({
  operationId: 'rateTicket',
  method: 'POST',
  path: '/tickets/{ticketId}/satisfaction',
  summary: 'A customer rates a resolved ticket 1–5 with an optional comment',
  tags: ['tickets'],
  access: { permission: 'tickets:update' },
  customersOnly: true,
  roles: ['customer'],
  request: { path, body },
  response: ticketView,
  errors: [404, 409],
  handler: async ({ path, body, actor }) => toTicketView(await rateTicket(path.ticketId, body, actor), actor),
});
