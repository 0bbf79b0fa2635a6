import { transferTicket as body } from '../../../shared/tickets/assignment-schemas.js';
import { transferTicket } from '../../../shared/tickets/assignment.js';
import { ticketPath as path, ticketView } from '../../../shared/tickets/schemas.js';
import { toTicketView } from '../../../shared/tickets/service.js';
import { defineRoute } from '../../../shared/http/route.js';

export default defineRoute({
  operationId: 'transferTicket',
  method: 'POST',
  path: '/tickets/{ticketId}/transfer',
  summary: 'Move a ticket to another group with a reason; it is auto-assigned there',
  tags: ['ticket-assignment'],
  access: { permission: 'tickets:assign' },
  roles: ['admin', 'manager', 'agent'],
  staffOnly: true,
  request: { path, body },
  response: ticketView,
  errors: [404, 409],
  handler: async ({ path, body, actor }) => toTicketView(await transferTicket(path.ticketId, body, actor), actor),
});
