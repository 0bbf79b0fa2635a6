import { setWatcherPreferences } from '../../../shared/tickets/watchers.js';
import { watcherPath as path, watcherPreferences as body, watcherView } from '../../../shared/tickets/organisation-schemas.js';
import { defineRoute } from '../../../shared/http/route.js';

export default defineRoute({
  operationId: 'setTicketWatcherPreferences',
  method: 'PUT',
  path: '/tickets/{ticketId}/watchers/{userId}/preferences',
  summary: 'Which events a watcher hears about: replies, status changes, assignment changes',
  tags: ['ticket-organisation'],
  access: { permission: 'tickets:read' },
  roles: ['admin', 'manager', 'agent', 'technician', 'customer'],
  request: { path, body },
  response: watcherView,
  errors: [403, 404],
  handler: async ({ path, body, actor }) => setWatcherPreferences(actor, path.ticketId, path.userId, body),
});
