import { createTag } from '../../../shared/tickets/tags.js';
import { createTicketTag as body, ticketTagView } from '../../../shared/tickets/organisation-schemas.js';
import { defineRoute } from '../../../shared/http/route.js';

export default defineRoute({
  operationId: 'createTicketTag',
  method: 'POST',
  path: '/ticket-tags',
  summary: 'Define a tag (lower-case name, unique: `tag_exists`; colour #rrggbb)',
  tags: ['ticket-organisation'],
  access: { permission: 'settings:update' },
  roles: ['admin'],
  staffOnly: true,
  request: { body },
  status: 201,
  response: ticketTagView,
  errors: [409],
  handler: async ({ body, actor }) => createTag(body, actor),
});
