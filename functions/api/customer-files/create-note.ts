import { createNote } from '../../../shared/customer-files/notes.js';
import { createNote as body, customerPath as path, noteView } from '../../../shared/customer-files/schemas.js';
import { defineRoute } from '../../../shared/http/route.js';

export default defineRoute({
  operationId: 'createCustomerNote',
  method: 'POST',
  path: '/customers/{customerId}/notes',
  summary: 'Add an internal note to a customer (staff only; 404 for customer users and unknown customers)',
  tags: ['customer-files'],
  access: { permission: 'customers:update' },
  roles: ['admin', 'manager', 'agent', 'customer'],
  request: { path, body },
  status: 201,
  response: noteView,
  errors: [404],
  handler: async ({ path, body, actor }) => createNote(actor, path.customerId, body),
});
