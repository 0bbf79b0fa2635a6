import { supportGroupPath as path, supportGroupView, updateSupportGroup as body } from '../../../shared/tickets/assignment-schemas.js';
import { updateGroup } from '../../../shared/tickets/groups.js';
import { defineRoute } from '../../../shared/http/route.js';

export default defineRoute({
  operationId: 'updateSupportGroup',
  method: 'PUT',
  path: '/support-groups/{groupId}',
  summary: 'Replace name, description and lead; optimistic on version',
  tags: ['support-groups'],
  access: { permission: 'settings:update' },
  roles: ['admin'],
  staffOnly: true,
  request: { path, body },
  response: supportGroupView,
  errors: [404, 409],
  handler: async ({ path, body }) => updateGroup(path.groupId, body),
});
