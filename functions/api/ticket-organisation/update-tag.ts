import { updateTag } from '../../../shared/tickets/tags.js';
import { ticketTagPath as path, ticketTagView, updateTicketTag as body } from '../../../shared/tickets/organisation-schemas.js';
import { defineRoute } from '../../../shared/http/route.js';

export default defineRoute({
  operationId: 'updateTicketTag',
  method: 'PUT',
  path: '/ticket-tags/{tagName}',
  summary: "Change a tag's colour and description if the version read is current (the name is its identity)",
  tags: ['ticket-organisation'],
  access: { permission: 'settings:update' },
  roles: ['admin'],
  staffOnly: true,
  request: { path, body },
  response: ticketTagView,
  errors: [404, 409],
  handler: async ({ path, body }) => updateTag(path.tagName, body),
});
