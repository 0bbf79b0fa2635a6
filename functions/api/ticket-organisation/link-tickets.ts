import { linkTickets } from '../../../shared/tickets/links.js';
import { linkPath as path, linkResult } from '../../../shared/tickets/organisation-schemas.js';
import { defineRoute } from '../../../shared/http/route.js';

export default defineRoute({
  operationId: 'linkTickets',
  method: 'POST',
  path: '/tickets/{ticketId}/links/{otherTicketId}',
  summary: 'Link two related tickets (both ways, a `link` event on each)',
  tags: ['ticket-organisation'],
  access: { permission: 'tickets:update' },
  roles: ['admin', 'manager', 'agent', 'technician'],
  staffOnly: true,
  request: { path },
  response: linkResult,
  errors: [404, 409],
  handler: async ({ path, actor }) => linkTickets(actor, path.ticketId, path.otherTicketId),
});
