import { accessRequestPath as path, accessRequestView, rejectAccessRequest as body } from '../../../shared/access-requests/schemas.js';
import { rejectAccessRequest } from '../../../shared/access-requests/service.js';
import { defineRoute } from '../../../shared/http/route.js';

export default defineRoute({
  operationId: 'rejectAccessRequest',
  method: 'POST',
  path: '/access-requests/{requestId}/reject',
  summary: 'Reject a pending request with a reason, sent to the requester by email',
  tags: ['access-requests'],
  access: { permission: 'users:manage' },
  roles: ['admin'],
  request: { path, body },
  response: accessRequestView,
  errors: [404, 409],
  handler: async ({ path, body, actor }) => rejectAccessRequest(path.requestId, body, actor),
});
