import * as z from 'zod';
import { defineRoute } from '../../../shared/http/route.js';
import { rolePath as path } from '../../../shared/roles/schemas.js';
import { deleteCustomRole } from '../../../shared/roles/service.js';

export default defineRoute({
  operationId: 'deleteRole',
  method: 'DELETE',
  path: '/roles/{roleId}',
  summary: 'Delete a custom role that no user holds (its matrix row goes in a new version)',
  tags: ['roles'],
  access: { permission: 'roles:manage' },
  roles: ['admin'],
  request: { path },
  status: 204,
  response: z.undefined(),
  errors: [404, 409],
  handler: async ({ path, actor }) => {
    await deleteCustomRole(path.roleId, actor);
    return undefined;
  },
});
