import { tagStats } from '../../../shared/tickets/tags.js';
import { ticketTagStats } from '../../../shared/tickets/organisation-schemas.js';
import { defineRoute } from '../../../shared/http/route.js';

export default defineRoute({
  operationId: 'ticketTagStats',
  method: 'GET',
  path: '/ticket-tags/stats',
  summary: 'Tag usage: tags by the number of tickets carrying them now, most used first, and unused tags',
  tags: ['ticket-organisation'],
  access: { permission: 'tickets:read' },
  roles: ['admin', 'manager', 'agent', 'technician'],
  staffOnly: true,
  response: ticketTagStats,
  handler: async () => tagStats(),
});
