import { listPolicies } from '../../../shared/sla/policies.js';
import { slaPolicyList } from '../../../shared/sla/schemas.js';
import { defineRoute } from '../../../shared/http/route.js';

export default defineRoute({
  operationId: 'listSlaPolicies',
  method: 'GET',
  path: '/sla/policies',
  summary: 'Every SLA policy in match order (most specific first: customer, customer group, category, priority)',
  tags: ['sla'],
  access: { permission: 'settings:read' },
  roles: ['admin', 'manager', 'agent', 'technician'],
  staffOnly: true,
  response: slaPolicyList,
  handler: async () => listPolicies(),
});
