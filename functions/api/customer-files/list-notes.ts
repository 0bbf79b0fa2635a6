import { listNotes } from '../../../shared/customer-files/notes.js';
import { customerPath as path, listNotesQuery as query, notePage } from '../../../shared/customer-files/schemas.js';
import { defineRoute } from '../../../shared/http/route.js';

export default defineRoute({
  operationId: 'listCustomerNotes',
  method: 'GET',
  path: '/customers/{customerId}/notes',
  summary: 'Internal notes on a customer (staff only; 404 for customer users), pinned first then newest; `includeDeleted` for managers and admins',
  tags: ['customer-files'],
  access: { permission: 'customers:read' },
  roles: ['admin', 'manager', 'agent', 'technician', 'customer'],
  request: { path, query },
  response: notePage,
  errors: [403, 404],
  handler: async ({ path, query, actor }) => listNotes(actor, path.customerId, query),
});
