import { accessRequestReceived, createAccessRequest as body } from '../../../shared/access-requests/schemas.js';
import { submitAccessRequest } from '../../../shared/access-requests/service.js';
import { defineRoute } from '../../../shared/http/route.js';

export default defineRoute({
  operationId: 'createAccessRequest',
  method: 'POST',
  path: '/access-requests',
  summary: 'Ask for a staff account (public). Always 202: one open request per email, no duplicate, nothing revealed',
  tags: ['access-requests'],
  access: 'public',
  roles: 'everyone',
  request: { body },
  status: 202,
  response: accessRequestReceived,
  handler: async ({ body }) => submitAccessRequest(body),
});
