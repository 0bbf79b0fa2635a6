import { defineRoute } from '../../../shared/http/route.js';
import { createTicket as body, ticketView } from '../../../shared/tickets/schemas.js';
import { createTicket, toTicketView } from '../../../shared/tickets/service.js';

export default defineRoute({
  operationId: 'createTicket',
  method: 'POST',
  path: '/tickets',
  summary: 'Open a ticket: customers on an account they see tickets of (channel web), staff on behalf of a customer; numbered, routed by category, auto-assigned',
  tags: ['tickets'],
  access: { permission: 'tickets:create' },
  roles: ['admin', 'manager', 'agent', 'customer'],
  request: { body },
  status: 201,
  response: ticketView,
  errors: [403, 404],
  handler: async ({ body, actor }) => toTicketView(await createTicket(body, actor), actor),
});
