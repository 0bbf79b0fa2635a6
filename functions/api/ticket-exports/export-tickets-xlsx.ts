import { exportTicketList } from '../../../shared/tickets/exports.js';
import { exportLink, exportTicketsQuery as query } from '../../../shared/tickets/organisation-schemas.js';
import { defineRoute } from '../../../shared/http/route.js';

export default defineRoute({
  operationId: 'exportTicketsXlsx',
  method: 'GET',
  path: '/ticket-exports/tickets.xlsx',
  summary: 'The staff ticket list (same filters) as an XLSX workbook, up to 5,000 rows: a short-lived download link',
  tags: ['ticket-exports'],
  access: { permission: 'tickets:export' },
  roles: ['admin', 'manager', 'agent'],
  staffOnly: true,
  request: { query },
  response: exportLink,
  errors: [400],
  handler: async ({ query, actor }) => exportTicketList(actor, query, 'xlsx'),
});
