import { noContent } from '../../../shared/identity/schemas.js';
import { supportGroupPath as path } from '../../../shared/tickets/assignment-schemas.js';
import { deleteGroup } from '../../../shared/tickets/groups.js';
import { defineRoute } from '../../../shared/http/route.js';

export default defineRoute({
  operationId: 'deleteSupportGroup',
  method: 'DELETE',
  path: '/support-groups/{groupId}',
  summary: 'Delete a group and its memberships; 409 group_in_use for the default group, a category default or a group with tickets',
  tags: ['support-groups'],
  access: { permission: 'settings:update' },
  roles: ['admin'],
  staffOnly: true,
  request: { path },
  status: 204,
  response: noContent,
  errors: [404, 409],
  handler: async ({ path }) => {
    await deleteGroup(path.groupId);
  },
});
