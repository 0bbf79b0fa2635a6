import { groupMemberPath as path, groupMemberView } from '../../../shared/tickets/assignment-schemas.js';
import { addMember } from '../../../shared/tickets/groups.js';
import { defineRoute } from '../../../shared/http/route.js';

export default defineRoute({
  operationId: 'addSupportGroupMember',
  method: 'POST',
  path: '/support-groups/{groupId}/members/{userId}',
  summary: 'Add an active staff user to a group (idempotent); 409 group_full',
  tags: ['support-groups'],
  access: { permission: 'settings:update' },
  roles: ['admin'],
  staffOnly: true,
  request: { path },
  response: groupMemberView,
  errors: [404, 409],
  handler: async ({ path, actor }) => addMember(path.groupId, path.userId, actor.userId),
});
