import { deleteNote } from '../../../shared/customer-files/notes.js';
import { noContent, notePath as path } from '../../../shared/customer-files/schemas.js';
import { defineRoute } from '../../../shared/http/route.js';

export default defineRoute({
  operationId: 'deleteCustomerNote',
  method: 'DELETE',
  path: '/customers/{customerId}/notes/{noteId}',
  summary: 'Soft-delete a note (its author, a manager or an admin: else `not_note_author`); managers and admins can still list it',
  tags: ['customer-files'],
  access: { permission: 'customers:update' },
  roles: ['admin', 'manager', 'agent', 'customer'],
  request: { path },
  status: 204,
  response: noContent,
  errors: [403, 404, 409],
  handler: async ({ path, actor }) => deleteNote(actor, path.customerId, path.noteId),
});
