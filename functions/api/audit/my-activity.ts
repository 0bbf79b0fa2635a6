import { findAuditRecords, toActivityEntry } from '../../../shared/audit/query.js';
import { activityPage, activityQuery } from '../../../shared/audit/schemas.js';
import { defineRoute } from '../../../shared/http/route.js';

export default defineRoute({
  operationId: 'listMyActivity',
  method: 'GET',
  path: '/me/activity',
  summary: "The caller's own audit records, newest first (changed field names, not values)",
  tags: ['audit'],
  access: 'authenticated',
  roles: ['admin', 'manager', 'agent', 'technician', 'customer'],
  request: { query: activityQuery },
  response: activityPage,
  handler: async ({ query, actor }) => {
    const { cursor, limit, from, to } = query;
    const page = await findAuditRecords({ actor: actor.userId, from, to }, { cursor, limit });
    return { items: page.items.map(toActivityEntry), cursor: page.cursor };
  },
});
