import { defineRoute } from '../../../shared/http/route.js';
import { loadTicketFor, TicketNotFoundError } from '../../../shared/tickets/access.js';
import { ticketIdForNumber } from '../../../shared/tickets/numbers.js';
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
  handler: async ({ path, actor }) => {
    const ticketId = await ticketIdForNumber(path.number);
    if (!ticketId) throw new TicketNotFoundError();
    return toTicketView(await loadTicketFor(actor, ticketId, 'read'), actor);
  },
});
