import { defineRoute } from '../../../shared/http/route.js';
import { ticketPath as path, ticketView, updateTicket as body } from '../../../shared/tickets/schemas.js';
import { toTicketView, updateTicket } from '../../../shared/tickets/service.js';

export default defineRoute({
  operationId: 'updateTicket',
  method: 'PATCH',
  path: '/tickets/{ticketId}',
  summary: 'Change a ticket\'s priority, category or subject (optimistic locking on version)',
  tags: ['tickets'],
  access: { permission: 'tickets:update' },
  staffOnly: true,
  roles: ['admin', 'manager', 'agent', 'technician'],
  request: { path, body },
  response: ticketView,
  errors: [404, 409],
  handler: async ({ path, body, actor }) => toTicketView(await updateTicket(path.ticketId, body, actor), actor),
});
