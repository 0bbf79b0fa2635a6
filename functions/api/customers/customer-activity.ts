import { auditPage } from '../../../shared/audit/schemas.js';
import { customerActivity } from '../../../shared/customers/activity.js';
import { customerActivityQuery as query, customerPath as path } from '../../../shared/customers/schemas.js';
import { defineRoute } from '../../../shared/http/route.js';

export default defineRoute({
  operationId: 'customerActivity',
  method: 'GET',
  path: '/customers/{customerId}/activity',
  summary: "A customer's audit trail, newest first",
  tags: ['customers'],
  access: { permission: 'customers:read' },
  staffOnly: true,
  roles: ['admin', 'manager', 'agent', 'technician'],
  request: { path, query },
  response: auditPage,
  errors: [404],
  handler: async ({ path, query, actor }) => customerActivity(path.customerId, query, actor),
});
