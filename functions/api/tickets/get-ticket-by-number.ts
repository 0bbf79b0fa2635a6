import { defineRoute } from '../../../shared/http/route.js';
import { loadTicketByNumber } from '../../../shared/tickets/access.js';
import { ticketNumberPath as path, ticketView } from '../../../shared/tickets/schemas.js';
import { toTicketView } from '../../../shared/tickets/service.js';

export default defineRoute({
  operationId: 'getTicketByNumber',
  method: 'GET',
  path: '/tickets/by-number/{number}',
  summary: 'Look a ticket up by its six-digit number (same visibility as by id)',
  tags: ['tickets'],
  access: { permission: 'tickets:read' },
  roles: ['admin', 'manager', 'agent', 'technician', 'customer'],
  request: { path },
  response: ticketView,
  errors: [404],
  handler: async ({ path, actor }) => toTicketView(await loadTicketByNumber(actor, path.number), actor),
});
