import { deletePolicy } from '../../../shared/sla/policies.js';
import { slaPolicyDeleted, slaPolicyPath as path } from '../../../shared/sla/schemas.js';
import { defineRoute } from '../../../shared/http/route.js';

export default defineRoute({
  operationId: 'deleteSlaPolicy',
  method: 'DELETE',
  path: '/sla/policies/{policyId}',
  summary: 'Delete an SLA policy (its match and its calendar use are released)',
  tags: ['sla'],
  access: { permission: 'settings:update' },
  roles: ['admin'],
  staffOnly: true,
  request: { path },
  response: slaPolicyDeleted,
  errors: [404, 409],
  handler: async ({ path }) => deletePolicy(path.policyId),
});
