import { updatePolicy } from '../../../shared/sla/policies.js';
import { slaPolicyPath as path, slaPolicyView, updateSlaPolicy as body } from '../../../shared/sla/schemas.js';
import { defineRoute } from '../../../shared/http/route.js';

export default defineRoute({
  operationId: 'updateSlaPolicy',
  method: 'PUT',
  path: '/sla/policies/{policyId}',
  summary: 'Replace an SLA policy; optimistic on version (409 conflict), 409 policy_conflict on a taken match',
  tags: ['sla'],
  access: { permission: 'settings:update' },
  roles: ['admin'],
  staffOnly: true,
  request: { path, body },
  response: slaPolicyView,
  errors: [404, 409],
  handler: async ({ path, body }) => updatePolicy(path.policyId, body),
});
