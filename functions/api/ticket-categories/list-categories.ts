import { listTicketCategoriesQuery as query, ticketCategoryTree } from '../../../shared/tickets/assignment-schemas.js';
import { listCategoryTree } from '../../../shared/tickets/categories.js';
import { defineRoute } from '../../../shared/http/route.js';

export default defineRoute({
  operationId: 'listTicketCategories',
  method: 'GET',
  path: '/ticket-categories',
  summary: 'The ticket category tree (active categories; staff may include inactive ones)',
  tags: ['ticket-categories'],
  access: { permission: 'tickets:read' },
  roles: ['admin', 'manager', 'agent', 'technician', 'customer'],
  request: { query },
  response: ticketCategoryTree,
  handler: async ({ query, actor }) => listCategoryTree(actor, query.includeInactive),
});
