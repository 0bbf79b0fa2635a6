import { createPolicy } from '../../../shared/sla/policies.js';
import { createSlaPolicy as body, slaPolicyView } from '../../../shared/sla/schemas.js';
import { defineRoute } from '../../../shared/http/route.js';

export default defineRoute({
  operationId: 'createSlaPolicy',
  method: 'POST',
  path: '/sla/policies',
  summary: 'Add an SLA policy; 409 policy_conflict when another policy has the identical match',
  tags: ['sla'],
  access: { permission: 'settings:update' },
  roles: ['admin'],
  staffOnly: true,
  request: { body },
  status: 201,
  response: slaPolicyView,
  handler: async ({ body }) => createPolicy(body),
});
