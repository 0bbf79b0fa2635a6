import { defineRoute } from '../../../shared/http/route.js';
import { loadTicketFor } from '../../../shared/tickets/access.js';
import { ticketPath as path, ticketView } from '../../../shared/tickets/schemas.js';
import { toTicketView } from '../../../shared/tickets/service.js';

export default defineRoute({
  operationId: 'getTicket',
  method: 'GET',
  path: '/tickets/{ticketId}',
  summary: 'One ticket (customers: the public fields of tickets they may see; staff: everything and the moves allowed now)',
  tags: ['tickets'],
  access: { permission: 'tickets:read' },
  roles: ['admin', 'manager', 'agent', 'technician', 'customer'],
  request: { path },
  response: ticketView,
  errors: [404],
  handler: async ({ path, actor }) => toTicketView(await loadTicketFor(actor, path.ticketId, 'read'), actor),
});
