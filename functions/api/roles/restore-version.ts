import { defineRoute } from '../../../shared/http/route.js';
import { restoreMatrixVersion as body, rolesView, versionPath as path } from '../../../shared/roles/schemas.js';
import { restoreMatrixVersion } from '../../../shared/roles/service.js';

export default defineRoute({
  operationId: 'restoreRoleMatrixVersion',
  method: 'POST',
  path: '/roles/versions/{version}/restore',
  summary: 'Roll back: save a new version granting what an earlier one granted',
  tags: ['roles'],
  access: { permission: 'roles:manage' },
  roles: ['admin'],
  request: { path, body },
  response: rolesView,
  errors: [404, 409],
  handler: async ({ path, body, actor }) => restoreMatrixVersion(path.version, body, actor),
});
