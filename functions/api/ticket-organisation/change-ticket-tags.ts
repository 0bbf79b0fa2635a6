import { changeTicketTags } from '../../../shared/tickets/tags.js';
import { changeTicketTags as body, ticketPath as path, ticketTagsChanged } from '../../../shared/tickets/organisation-schemas.js';
import { defineRoute } from '../../../shared/http/route.js';

export default defineRoute({
  operationId: 'changeTicketTags',
  method: 'POST',
  path: '/tickets/{ticketId}/tags',
  summary: 'Add and remove tags on a ticket if the version read is current (defined tags only: `unknown_tag`; at most 20: `too_many_tags`); search keys, usage counts and a `tags` event in one transaction',
  tags: ['ticket-organisation'],
  access: { permission: 'tickets:update' },
  roles: ['admin', 'manager', 'agent', 'technician'],
  staffOnly: true,
  request: { path, body },
  response: ticketTagsChanged,
  errors: [404, 409],
  handler: async ({ path, body, actor }) => changeTicketTags(actor, path.ticketId, body),
});
