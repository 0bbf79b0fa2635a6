import { listTags } from '../../../shared/tickets/tags.js';
import { ticketTagList } from '../../../shared/tickets/organisation-schemas.js';
import { defineRoute } from '../../../shared/http/route.js';

export default defineRoute({
  operationId: 'listTicketTags',
  method: 'GET',
  path: '/ticket-tags',
  summary: 'Every ticket tag definition, A→Z, with how many tickets carry it',
  tags: ['ticket-organisation'],
  access: { permission: 'tickets:read' },
  roles: ['admin', 'manager', 'agent', 'technician'],
  staffOnly: true,
  response: ticketTagList,
  handler: async () => ({ items: await listTags() }),
});
