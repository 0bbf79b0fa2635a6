import { unassignTicket as body } from '../../../shared/tickets/assignment-schemas.js';
import { unassignTicket } from '../../../shared/tickets/assignment.js';
import { ticketPath as path, ticketView } from '../../../shared/tickets/schemas.js';
import { toTicketView } from '../../../shared/tickets/service.js';
import { defineRoute } from '../../../shared/http/route.js';

export default defineRoute({
  operationId: 'unassignTicket',
  method: 'POST',
  path: '/tickets/{ticketId}/unassign',
  summary: "Take a ticket back to its group's unassigned queue",
  tags: ['ticket-assignment'],
  access: { permission: 'tickets:assign' },
  roles: ['admin', 'manager', 'agent'],
  staffOnly: true,
  request: { path, body },
  response: ticketView,
  errors: [404, 409],
  handler: async ({ path, body, actor }) => toTicketView(await unassignTicket(path.ticketId, body, actor), actor),
});
