import { findAuditRecords, toAuditEntry } from '../../../shared/audit/query.js';
import { auditPage, auditQuery } from '../../../shared/audit/schemas.js';
import { defineRoute } from '../../../shared/http/route.js';

export default defineRoute({
  operationId: 'listAuditRecords',
  method: 'GET',
  path: '/audit',
  summary: 'Audit trail, newest first: filter by actor, target, action and time range; cursor pagination',
  tags: ['audit'],
  access: { permission: 'audit:read' },
  roles: ['admin', 'manager'],
  request: { query: auditQuery },
  response: auditPage,
  handler: async ({ query }) => {
    const { cursor, limit, ...filter } = query;
    const page = await findAuditRecords(filter, { cursor, limit });
    return { items: page.items.map(toAuditEntry), cursor: page.cursor };
  },
});
