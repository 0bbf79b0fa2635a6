import { defineRoute } from '../../../shared/http/route.js';
import { closeTicket as body, ticketPath as path, ticketView } from '../../../shared/tickets/schemas.js';
import { closeTicketAsCustomer, toTicketView } from '../../../shared/tickets/service.js';

export default defineRoute({
  operationId: 'closeTicket',
  method: 'POST',
  path: '/tickets/{ticketId}/close',
  summary: 'A customer closes their ticket (from open, answered, waiting on customer or resolved)',
  tags: ['tickets'],
  access: { permission: 'tickets:update' },
  customersOnly: true,
  roles: ['customer'],
  request: { path, body },
  response: ticketView,
  errors: [404, 409],
  handler: async ({ path, body, actor }) => toTicketView(await closeTicketAsCustomer(path.ticketId, body.version, actor), actor),
});
