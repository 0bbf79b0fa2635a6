import { listSupportGroupsQuery as query, supportGroupPage } from '../../../shared/tickets/assignment-schemas.js';
import { listGroups } from '../../../shared/tickets/groups.js';
import { defineRoute } from '../../../shared/http/route.js';

export default defineRoute({
  operationId: 'listSupportGroups',
  method: 'GET',
  path: '/support-groups',
  summary: 'Support groups (the default group always exists)',
  tags: ['support-groups'],
  access: { permission: 'tickets:read' },
  roles: ['admin', 'manager', 'agent', 'technician'],
  staffOnly: true,
  request: { query },
  response: supportGroupPage,
  handler: async ({ query }) => listGroups(query),
});
