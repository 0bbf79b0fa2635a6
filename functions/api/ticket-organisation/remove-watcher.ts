import { removeWatcher } from '../../../shared/tickets/watchers.js';
import { noContent, watcherPath as path } from '../../../shared/tickets/organisation-schemas.js';
import { defineRoute } from '../../../shared/http/route.js';

export default defineRoute({
  operationId: 'removeTicketWatcher',
  method: 'DELETE',
  path: '/tickets/{ticketId}/watchers/{userId}',
  summary: 'Stop watching a ticket (customers only for themselves)',
  tags: ['ticket-organisation'],
  access: { permission: 'tickets:read' },
  roles: ['admin', 'manager', 'agent', 'technician', 'customer'],
  request: { path },
  status: 204,
  response: noContent,
  errors: [403, 404],
  handler: async ({ path, actor }) => removeWatcher(actor, path.ticketId, path.userId),
});
