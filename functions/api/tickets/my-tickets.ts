import { defineRoute } from '../../../shared/http/route.js';
import { listMyTickets } from '../../../shared/tickets/lists.js';
import { myTicketsQuery as query, ticketPage } from '../../../shared/tickets/schemas.js';

export default defineRoute({
  operationId: 'listMyTickets',
  method: 'GET',
  path: '/me/tickets',
  summary: 'A customer user\'s tickets on one of their accounts, or all of that account\'s tickets (contacts allowed to see them)',
  tags: ['tickets'],
  access: { permission: 'tickets:read' },
  customersOnly: true,
  roles: ['customer'],
  request: { query },
  response: ticketPage,
  errors: [403, 404],
  handler: async ({ query, actor }) => listMyTickets(query, actor),
});
