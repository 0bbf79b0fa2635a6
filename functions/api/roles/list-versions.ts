import { defineRoute } from '../../../shared/http/route.js';
import { matrixVersionPage, pageQuery as query } from '../../../shared/roles/schemas.js';
import { listMatrixVersions } from '../../../shared/roles/service.js';

export default defineRoute({
  operationId: 'listRoleMatrixVersions',
  method: 'GET',
  path: '/roles/versions',
  summary: 'Saved versions of the matrix, newest first: who changed what, when and why',
  tags: ['roles'],
  access: { permission: 'roles:read' },
  roles: ['admin', 'manager'],
  request: { query },
  response: matrixVersionPage,
  handler: async ({ query }) => listMatrixVersions(query),
});
