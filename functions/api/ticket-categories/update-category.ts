import { ticketCategoryPath as path, ticketCategoryNode, updateTicketCategory as body } from '../../../shared/tickets/assignment-schemas.js';
import { updateCategory } from '../../../shared/tickets/categories.js';
import { defineRoute } from '../../../shared/http/route.js';

export default defineRoute({
  operationId: 'updateTicketCategory',
  method: 'PUT',
  path: '/ticket-categories/{categoryId}',
  summary: 'Replace a category (rename, move, default group, QC, active); optimistic on version',
  tags: ['ticket-categories'],
  access: { permission: 'settings:update' },
  roles: ['admin'],
  staffOnly: true,
  request: { path, body },
  response: ticketCategoryNode,
  errors: [404, 409],
  handler: async ({ path, body }) => updateCategory(path.categoryId, body),
});
