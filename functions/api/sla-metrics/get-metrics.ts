import { defineRoute } from '../../../shared/http/route.js';
import { slaMetrics, slaMetricsQuery as query } from '../../../shared/sla/metrics-schemas.js';
import { readSlaMetrics } from '../../../shared/sla/metrics.js';

export default defineRoute({
  operationId: 'getSlaMetrics',
  method: 'GET',
  path: '/sla/metrics',
  summary: 'SLA metrics for UTC days from..to (at most 92): trend per day or ISO week, KPIs, breaches by agent, group, priority, category',
  tags: ['sla'],
  access: { permission: 'reports:read' },
  roles: ['admin', 'manager'],
  staffOnly: true,
  request: { query },
  response: slaMetrics,
  handler: async ({ query }) => readSlaMetrics(query),
});
