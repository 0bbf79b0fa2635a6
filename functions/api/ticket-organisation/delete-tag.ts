import { deleteTag } from '../../../shared/tickets/tags.js';
import { noContent, ticketTagPath as path } from '../../../shared/tickets/organisation-schemas.js';
import { defineRoute } from '../../../shared/http/route.js';

export default defineRoute({
  operationId: 'deleteTicketTag',
  method: 'DELETE',
  path: '/ticket-tags/{tagName}',
  summary: 'Delete a tag no ticket carries (`tag_in_use` otherwise)',
  tags: ['ticket-organisation'],
  access: { permission: 'settings:update' },
  roles: ['admin'],
  staffOnly: true,
  request: { path },
  status: 204,
  response: noContent,
  errors: [404, 409],
  handler: async ({ path }) => deleteTag(path.tagName),
});
