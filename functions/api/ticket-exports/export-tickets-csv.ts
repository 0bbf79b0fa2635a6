import { exportTicketList } from '../../../shared/tickets/exports.js';
import { exportLink, exportTicketsQuery as query } from '../../../shared/tickets/organisation-schemas.js';
import { defineRoute } from '../../../shared/http/route.js';

export default defineRoute({
  operationId: 'exportTicketsCsv',
  method: 'GET',
  path: '/ticket-exports/tickets.csv',
  summary: 'The staff ticket list (same filters) as CSV (UTF-8 BOM, CRLF, formula cells neutralised), up to 5,000 rows: a short-lived download link',
  tags: ['ticket-exports'],
  access: { permission: 'tickets:export' },
  roles: ['admin', 'manager', 'agent'],
  staffOnly: true,
  request: { query },
  response: exportLink,
  errors: [400],
  handler: async ({ query, actor }) => exportTicketList(actor, query, 'csv'),
});
