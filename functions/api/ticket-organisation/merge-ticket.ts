import { mergeTickets } from '../../../shared/tickets/merge.js';
import { mergeResult, mergeTicket as body, ticketPath as path } from '../../../shared/tickets/organisation-schemas.js';
import { defineRoute } from '../../../shared/http/route.js';

export default defineRoute({
  operationId: 'mergeTicket',
  method: 'POST',
  path: '/tickets/{ticketId}/merge',
  summary: 'Merge a duplicate into a target ticket of the same customer (`merge_customer_mismatch`): the conversation and attachments move, the source closes with `mergedInto`',
  tags: ['ticket-organisation'],
  access: { permission: 'tickets:update' },
  roles: ['admin', 'manager', 'agent', 'technician'],
  staffOnly: true,
  request: { path, body },
  response: mergeResult,
  errors: [404, 409],
  handler: async ({ path, body, actor }) => mergeTickets(actor, path.ticketId, body),
});
