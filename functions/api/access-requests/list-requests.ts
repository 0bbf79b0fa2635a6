import { accessRequestPage, listAccessRequestsQuery as query } from '../../../shared/access-requests/schemas.js';
import { listAccessRequests } from '../../../shared/access-requests/service.js';
import { defineRoute } from '../../../shared/http/route.js';

export default defineRoute({
  operationId: 'listAccessRequests',
  method: 'GET',
  path: '/access-requests',
  summary: 'Access requests in one status (default pending), newest first',
  tags: ['access-requests'],
  access: { permission: 'users:manage' },
  roles: ['admin'],
  request: { query },
  response: accessRequestPage,
  handler: async ({ query }) => listAccessRequests(query),
});
