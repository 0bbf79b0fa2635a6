import { defineRoute } from '../../../shared/http/route.js';
import { listTickets } from '../../../shared/tickets/lists.js';
import { listTicketsQuery as query, ticketPage } from '../../../shared/tickets/schemas.js';

export default defineRoute({
  operationId: 'listTickets',
  method: 'GET',
  path: '/tickets',
  summary: 'Staff queues (mine, unassigned in a group, group, all) with filters, or search by requester email, tag or subject words; index-served, newest first',
  tags: ['tickets'],
  access: { permission: 'tickets:read' },
  staffOnly: true,
  roles: ['admin', 'manager', 'agent', 'technician'],
  request: { query },
  response: ticketPage,
  handler: async ({ query, actor }) => listTickets(query, actor),
});
