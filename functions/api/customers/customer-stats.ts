import { customerStats } from '../../../shared/customers/schemas.js';
import { customerStats as readStats } from '../../../shared/customers/stats.js';
import { defineRoute } from '../../../shared/http/route.js';

export default defineRoute({
  operationId: 'customerStats',
  method: 'GET',
  path: '/customers/stats',
  summary: 'Customer counts by status, by type and by both (stream-kept counters)',
  tags: ['customers'],
  access: { permission: 'customers:read' },
  staffOnly: true,
  roles: ['admin', 'manager', 'agent', 'technician'],
  response: customerStats,
  handler: async ({ actor }) => readStats(actor),
});
