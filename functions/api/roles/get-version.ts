import { defineRoute } from '../../../shared/http/route.js';
import { matrixVersion, versionPath as path } from '../../../shared/roles/schemas.js';
import { getMatrixVersion } from '../../../shared/roles/service.js';

export default defineRoute({
  operationId: 'getRoleMatrixVersion',
  method: 'GET',
  path: '/roles/versions/{version}',
  summary: 'One saved version of the matrix, with what it granted',
  tags: ['roles'],
  access: { permission: 'roles:read' },
  roles: ['admin', 'manager'],
  request: { path },
  response: matrixVersion,
  errors: [404],
  handler: async ({ path }) => getMatrixVersion(path.version),
});
