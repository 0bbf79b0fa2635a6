import { defineRoute } from '../../../shared/http/route.js';
import { queueCounts, queueCountsQuery as query } from '../../../shared/tickets/queue-count-schemas.js';
import { queueCounts as readQueueCounts } from '../../../shared/tickets/queue-counts.js';

export default defineRoute({
  operationId: 'ticketQueueCounts',
  method: 'GET',
  path: '/tickets/queue-counts',
  summary: 'Active tickets per desk queue (mine, unassigned in my groups, per group, all, overdue) from counters the table stream keeps exact',
  tags: ['tickets'],
  access: { permission: 'tickets:read' },
  staffOnly: true,
  roles: ['admin', 'manager', 'agent', 'technician'],
  request: { query },
  response: queueCounts,
  handler: async ({ query, actor }) => readQueueCounts(actor, query),
});
