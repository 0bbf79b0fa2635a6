import { defineRoute } from '../../../shared/http/route.js';
import { changeTicketStatus as body, ticketPath as path, ticketView } from '../../../shared/tickets/schemas.js';
import { changeTicketStatus, toTicketView } from '../../../shared/tickets/service.js';

export default defineRoute({
  operationId: 'changeTicketStatus',
  method: 'POST',
  path: '/tickets/{ticketId}/status',
  summary: 'Move a ticket along the transition table (QC outcomes need tickets:qc; qc_fail needs a reason)',
  tags: ['tickets'],
  access: { permission: 'tickets:update' },
  staffOnly: true,
  roles: ['admin', 'manager', 'agent', 'technician'],
  request: { path, body },
  response: ticketView,
  errors: [403, 404, 409],
  handler: async ({ path, body, actor }) => toTicketView(await changeTicketStatus(path.ticketId, body, actor), actor),
});
