import { createApiHandler } from '../../../shared/http/pipeline.js';
import exportTicketPdf from './export-ticket-pdf.js';
import exportTicketsCsv from './export-tickets-csv.js';
import exportTicketsXlsx from './export-tickets-xlsx.js';

export const routes = [exportTicketsCsv, exportTicketsXlsx, exportTicketPdf];
export const handler = createApiHandler(routes);
