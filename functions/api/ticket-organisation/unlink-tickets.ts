import { unlinkTickets } from '../../../shared/tickets/links.js';
import { linkPath as path, linkResult } from '../../../shared/tickets/organisation-schemas.js';
import { defineRoute } from '../../../shared/http/route.js';

export default defineRoute({
  operationId: 'unlinkTickets',
  method: 'DELETE',
  path: '/tickets/{ticketId}/links/{otherTicketId}',
  summary: 'Remove the link between two tickets (both ways)',
  tags: ['ticket-organisation'],
  access: { permission: 'tickets:update' },
  roles: ['admin', 'manager', 'agent', 'technician'],
  staffOnly: true,
  request: { path },
  response: linkResult,
  errors: [404, 409],
  handler: async ({ path, actor }) => unlinkTickets(actor, path.ticketId, path.otherTicketId),
});
