import { createApiHandler } from '../../../shared/http/pipeline.js';
import assignTicket from './assign-ticket.js';
import transferTicket from './transfer-ticket.js';
import unassignTicket from './unassign-ticket.js';

export const routes = [assignTicket, unassignTicket, transferTicket];
export const handler = createApiHandler(routes);
