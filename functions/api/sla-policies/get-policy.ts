import { getPolicy } from '../../../shared/sla/policies.js';
import { slaPolicyPath as path, slaPolicyView } from '../../../shared/sla/schemas.js';
import { defineRoute } from '../../../shared/http/route.js';

export default defineRoute({
  operationId: 'getSlaPolicy',
  method: 'GET',
  path: '/sla/policies/{policyId}',
  summary: 'One SLA policy: match, calendar, targets, pause statuses, warning, escalation',
  tags: ['sla'],
  access: { permission: 'settings:read' },
  roles: ['admin', 'manager', 'agent', 'technician'],
  staffOnly: true,
  request: { path },
  response: slaPolicyView,
  errors: [404],
  handler: async ({ path }) => getPolicy(path.policyId),
});
