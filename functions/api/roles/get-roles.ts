import { defineRoute } from '../../../shared/http/route.js';
import { rolesView } from '../../../shared/roles/schemas.js';
import { getRoles } from '../../../shared/roles/service.js';

export default defineRoute({
  operationId: 'getRoles',
  method: 'GET',
  path: '/roles',
  summary: 'The role → permission matrix in force, its version, the roles and the permission catalogue',
  tags: ['roles'],
  access: { permission: 'roles:read' },
  roles: ['admin', 'manager'],
  response: rolesView,
  handler: async () => getRoles(),
});
