import { createApiHandler } from '../../../shared/http/pipeline.js';
import changeStatus from './change-status.js';
import closeTicket from './close-ticket.js';
import createTicket from './create-ticket.js';
import getTicketByNumber from './get-ticket-by-number.js';
import getTicket from './get-ticket.js';
import listTickets from './list-tickets.js';
import myTickets from './my-tickets.js';
import queueCounts from './queue-counts.js';
import rateTicket from './rate-ticket.js';
import ticketTimeline from './ticket-timeline.js';
import updateTicket from './update-ticket.js';

export const routes = [
  listTickets,
  myTickets,
  createTicket,
  getTicketByNumber,
  queueCounts,
  getTicket,
  ticketTimeline,
  updateTicket,
  changeStatus,
  closeTicket,
  rateTicket,
];
export const handler = createApiHandler(routes);
