import { updateNote } from '../../../shared/customer-files/notes.js';
import { notePath as path, updateNote as body, noteView } from '../../../shared/customer-files/schemas.js';
import { defineRoute } from '../../../shared/http/route.js';

export default defineRoute({
  operationId: 'updateCustomerNote',
  method: 'PUT',
  path: '/customers/{customerId}/notes/{noteId}',
  summary: 'Edit a note (body, type, pinned) by its author, a manager or an admin: `not_note_author` (403), `version_conflict` (409)',
  tags: ['customer-files'],
  access: { permission: 'customers:update' },
  roles: ['admin', 'manager', 'agent', 'customer'],
  request: { path, body },
  response: noteView,
  errors: [403, 404, 409],
  handler: async ({ path, body, actor }) => updateNote(actor, path.customerId, path.noteId, body),
});
