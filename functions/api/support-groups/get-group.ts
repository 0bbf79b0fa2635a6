import { supportGroupDetail, supportGroupPath as path } from '../../../shared/tickets/assignment-schemas.js';
import { getGroupDetail } from '../../../shared/tickets/groups.js';
import { defineRoute } from '../../../shared/http/route.js';

export default defineRoute({
  operationId: 'getSupportGroup',
  method: 'GET',
  path: '/support-groups/{groupId}',
  summary: 'A support group with its members, their availability and load',
  tags: ['support-groups'],
  access: { permission: 'tickets:read' },
  roles: ['admin', 'manager', 'agent', 'technician'],
  staffOnly: true,
  request: { path },
  response: supportGroupDetail,
  errors: [404],
  handler: async ({ path }) => getGroupDetail(path.groupId),
});
