import { createTicketCategory as body, ticketCategoryNode } from '../../../shared/tickets/assignment-schemas.js';
import { createCategory } from '../../../shared/tickets/categories.js';
import { defineRoute } from '../../../shared/http/route.js';

export default defineRoute({
  operationId: 'createTicketCategory',
  method: 'POST',
  path: '/ticket-categories',
  summary: 'Add a category (at most 3 levels; name unique among siblings: 409 category_name_taken)',
  tags: ['ticket-categories'],
  access: { permission: 'settings:update' },
  roles: ['admin'],
  staffOnly: true,
  request: { body },
  status: 201,
  response: ticketCategoryNode,
  errors: [409],
  handler: async ({ body }) => createCategory(body),
});
