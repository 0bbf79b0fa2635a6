import { defineRoute } from '../../../shared/http/route.js';
import { ticketTimeline } from '../../../shared/tickets/lists.js';
import { timelineQuery as query, ticketPath as path, ticketTimeline as response } from '../../../shared/tickets/schemas.js';

export default defineRoute({
  operationId: 'getTicketTimeline',
  method: 'GET',
  path: '/tickets/{ticketId}/timeline',
  summary: 'A ticket\'s timeline, newest first (customers: creation, status, replies and rating only, without reasons)',
  tags: ['tickets'],
  access: { permission: 'tickets:read' },
  roles: ['admin', 'manager', 'agent', 'technician', 'customer'],
  request: { path, query },
  response,
  errors: [404],
  handler: async ({ path, query, actor }) => ticketTimeline(path.ticketId, query, actor),
});
