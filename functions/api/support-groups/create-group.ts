import { createSupportGroup as body, supportGroupView } from '../../../shared/tickets/assignment-schemas.js';
import { createGroup } from '../../../shared/tickets/groups.js';
import { defineRoute } from '../../../shared/http/route.js';

export default defineRoute({
  operationId: 'createSupportGroup',
  method: 'POST',
  path: '/support-groups',
  summary: 'Create a support group',
  tags: ['support-groups'],
  access: { permission: 'settings:update' },
  roles: ['admin'],
  staffOnly: true,
  request: { body },
  status: 201,
  response: supportGroupView,
  handler: async ({ body }) => createGroup(body),
});
