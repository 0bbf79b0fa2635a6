import { listWatchers } from '../../../shared/tickets/watchers.js';
import { ticketPath as path, watcherList } from '../../../shared/tickets/organisation-schemas.js';
import { defineRoute } from '../../../shared/http/route.js';

export default defineRoute({
  operationId: 'listTicketWatchers',
  method: 'GET',
  path: '/tickets/{ticketId}/watchers',
  summary: "A ticket's watchers and their preferences (customer users: only their own watch)",
  tags: ['ticket-organisation'],
  access: { permission: 'tickets:read' },
  roles: ['admin', 'manager', 'agent', 'technician', 'customer'],
  request: { path },
  response: watcherList,
  errors: [404],
  handler: async ({ path, actor }) => ({ items: await listWatchers(actor, path.ticketId) }),
});
