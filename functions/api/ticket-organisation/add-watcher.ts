import { addWatcher } from '../../../shared/tickets/watchers.js';
import { addWatcher as body, watcherPath as path, watcherView } from '../../../shared/tickets/organisation-schemas.js';
import { defineRoute } from '../../../shared/http/route.js';

export default defineRoute({
  operationId: 'addTicketWatcher',
  method: 'POST',
  path: '/tickets/{ticketId}/watchers/{userId}',
  summary: 'Start watching a ticket (staff, or a contact of its customer who may see it: else `watcher_not_eligible`); customers only for themselves; idempotent',
  tags: ['ticket-organisation'],
  access: { permission: 'tickets:read' },
  roles: ['admin', 'manager', 'agent', 'technician', 'customer'],
  request: { path, body },
  response: watcherView,
  errors: [403, 404],
  handler: async ({ path, body, actor }) => addWatcher(actor, path.ticketId, path.userId, body),
});
