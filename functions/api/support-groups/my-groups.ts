import { mySupportGroups } from '../../../shared/tickets/assignment-schemas.js';
import { myGroups } from '../../../shared/tickets/groups.js';
import { defineRoute } from '../../../shared/http/route.js';

export default defineRoute({
  operationId: 'listMySupportGroups',
  method: 'GET',
  path: '/me/support-groups',
  summary: "The caller's support groups and their own availability and load",
  tags: ['support-groups'],
  access: { permission: 'tickets:read' },
  roles: ['admin', 'manager', 'agent', 'technician'],
  staffOnly: true,
  response: mySupportGroups,
  handler: async ({ actor }) => myGroups(actor),
});
