import { assignTicket as body } from '../../../shared/tickets/assignment-schemas.js';
import { assignTicket } from '../../../shared/tickets/assignment.js';
import { ticketPath as path, ticketView } from '../../../shared/tickets/schemas.js';
import { toTicketView } from '../../../shared/tickets/service.js';
import { defineRoute } from '../../../shared/http/route.js';

export default defineRoute({
  operationId: 'assignTicket',
  method: 'POST',
  path: '/tickets/{ticketId}/assign',
  summary: 'Assign a ticket to an active staff member of its group (400 not_group_member otherwise)',
  tags: ['ticket-assignment'],
  access: { permission: 'tickets:assign' },
  roles: ['admin', 'manager', 'agent'],
  staffOnly: true,
  request: { path, body },
  response: ticketView,
  errors: [404, 409],
  handler: async ({ path, body, actor }) => toTicketView(await assignTicket(path.ticketId, body, actor), actor),
});
