import { defineRoute } from '../../../shared/http/route.js';
import { rolesView, updateRoleMatrix as body } from '../../../shared/roles/schemas.js';
import { saveRoleMatrix } from '../../../shared/roles/service.js';

export default defineRoute({
  operationId: 'updateRoleMatrix',
  method: 'PUT',
  path: '/roles/matrix',
  summary: 'Save the edited matrix as a new version (optimistic locking on version; the admin role keeps roles:manage and users:manage)',
  tags: ['roles'],
  access: { permission: 'roles:manage' },
  roles: ['admin'],
  request: { body },
  response: rolesView,
  errors: [409],
  handler: async ({ body, actor }) => saveRoleMatrix(body, actor),
});
