import { defineRoute } from '../../../shared/http/route.js';
import { createRole as body, roleSummary } from '../../../shared/roles/schemas.js';
import { createCustomRole } from '../../../shared/roles/service.js';

export default defineRoute({
  operationId: 'createRole',
  method: 'POST',
  path: '/roles',
  summary: 'Create a custom staff role (no permissions until granted in the matrix)',
  tags: ['roles'],
  access: { permission: 'roles:manage' },
  roles: ['admin'],
  request: { body },
  status: 201,
  response: roleSummary,
  errors: [409],
  handler: async ({ body, actor }) => createCustomRole(body, actor),
});
