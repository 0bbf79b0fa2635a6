import { accessRequestApproved, accessRequestPath as path, approveAccessRequest as body } from '../../../shared/access-requests/schemas.js';
import { approveAccessRequest } from '../../../shared/access-requests/service.js';
import { defineRoute } from '../../../shared/http/route.js';

export default defineRoute({
  operationId: 'approveAccessRequest',
  method: 'POST',
  path: '/access-requests/{requestId}/approve',
  summary: 'Approve a pending request: the staff account is created (requested role or `role`) and invited by email',
  tags: ['access-requests'],
  access: { permission: 'users:manage' },
  roles: ['admin'],
  request: { path, body },
  response: accessRequestApproved,
  errors: [404, 409, 503],
  handler: async ({ path, body, actor }) => approveAccessRequest(path.requestId, body, actor),
});
