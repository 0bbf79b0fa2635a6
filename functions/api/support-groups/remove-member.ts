import { noContent } from '../../../shared/identity/schemas.js';
import { groupMemberPath as path } from '../../../shared/tickets/assignment-schemas.js';
import { removeMember } from '../../../shared/tickets/groups.js';
import { defineRoute } from '../../../shared/http/route.js';

export default defineRoute({
  operationId: 'removeSupportGroupMember',
  method: 'DELETE',
  path: '/support-groups/{groupId}/members/{userId}',
  summary: 'Remove a member (their assigned tickets stay theirs)',
  tags: ['support-groups'],
  access: { permission: 'settings:update' },
  roles: ['admin'],
  staffOnly: true,
  request: { path },
  status: 204,
  response: noContent,
  errors: [404],
  handler: async ({ path }) => {
    await removeMember(path.groupId, path.userId);
  },
});
