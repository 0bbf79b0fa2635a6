import { myWatching } from '../../../shared/tickets/watchers.js';
import { myWatchingPage, myWatchingQuery as query } from '../../../shared/tickets/organisation-schemas.js';
import { defineRoute } from '../../../shared/http/route.js';

export default defineRoute({
  operationId: 'listMyWatchedTickets',
  method: 'GET',
  path: '/me/watching',
  summary: 'The tickets I watch, most recently watched first',
  tags: ['ticket-organisation'],
  access: { permission: 'tickets:read' },
  roles: ['admin', 'manager', 'agent', 'technician', 'customer'],
  request: { query },
  response: myWatchingPage,
  errors: [400],
  handler: async ({ query, actor }) => myWatching(actor, query),
});
