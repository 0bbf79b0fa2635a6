import { ticketCategoryDeleted, ticketCategoryPath as path } from '../../../shared/tickets/assignment-schemas.js';
import { deleteCategory } from '../../../shared/tickets/categories.js';
import { defineRoute } from '../../../shared/http/route.js';

export default defineRoute({
  operationId: 'deleteTicketCategory',
  method: 'DELETE',
  path: '/ticket-categories/{categoryId}',
  summary: 'Delete a category; one tickets were created with is deactivated instead. 409 category_in_use while it has subcategories',
  tags: ['ticket-categories'],
  access: { permission: 'settings:update' },
  roles: ['admin'],
  staffOnly: true,
  request: { path },
  response: ticketCategoryDeleted,
  errors: [404, 409],
  handler: async ({ path }) => deleteCategory(path.categoryId),
});
