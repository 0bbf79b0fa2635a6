import { exportTicketPdf } from '../../../shared/tickets/exports.js';
import { exportLink, pdfExportQuery as query, ticketPath as path } from '../../../shared/tickets/organisation-schemas.js';
import { defineRoute } from '../../../shared/http/route.js';

export default defineRoute({
  operationId: 'exportTicketPdf',
  method: 'GET',
  path: '/ticket-exports/tickets/{ticketId}/pdf',
  summary: 'One ticket with its public conversation (never internal notes) as a PDF, for anyone who may read the ticket: a short-lived download link',
  tags: ['ticket-exports'],
  access: { permission: 'tickets:read' },
  roles: ['admin', 'manager', 'agent', 'technician', 'customer'],
  request: { path, query },
  response: exportLink,
  errors: [404],
  handler: async ({ path, query, actor }) => exportTicketPdf(actor, path.ticketId, query),
});
