import type { UserActor } from '../auth/actor.js';
import { can } from '../auth/actor.js';
import { holds } from '../customers/access.js';
import { CustomerContact } from '../db/entities/customer-contact.js';
import { Ticket, type TicketItem } from '../db/entities/ticket.js';
import { ForbiddenError, NotFoundError } from '../errors.js';
import { ticketIdForNumber } from './numbers.js';

export type TicketAccessMode = 'read' | 'write';

export class TicketNotFoundError extends NotFoundError {
  constructor() {
    super('No such ticket');
  }
}

/**
 * Whether a customer user may see a ticket: they must still be a contact of its account, and
 * either be its requester or hold `canSeeTickets` there (owners hold every right).
 */
export async function customerSeesTicket(actor: UserActor, ticket: Pick<TicketItem, 'customerId' | 'requesterId'>): Promise<boolean> {
  const { data: contact } = await CustomerContact.get({ customerId: ticket.customerId, userId: actor.userId }).go();
  if (!contact) return false;
  return ticket.requesterId === actor.userId || holds(contact, 'canSeeTickets');
}

/**
 * Loads a ticket for `actor`, or answers 404 as if it did not exist. Staff need `tickets:read`
 * ('read') or `tickets:update` ('write') — 403 otherwise; customer users must be a contact of the
 * ticket's account and either its requester or hold `canSeeTickets`, in both modes.
 */
export async function loadTicketFor(actor: UserActor, ticketId: string, mode: TicketAccessMode): Promise<TicketItem> {
  if (actor.isStaff && !can(actor, mode === 'read' ? 'tickets:read' : 'tickets:update')) throw new ForbiddenError();
  const { data: ticket } = await Ticket.get({ ticketId }).go();
  if (!ticket) throw new TicketNotFoundError();
  if (actor.isStaff) return ticket;
  if (!can(actor, mode === 'read' ? 'tickets:read' : 'tickets:update')) throw new TicketNotFoundError();
  if (!(await customerSeesTicket(actor, ticket))) throw new TicketNotFoundError();
  return ticket;
}

/** A ticket by its public number, with exactly the visibility of `loadTicketFor` (unknown number → 404). */
export async function loadTicketByNumber(actor: UserActor, number: string): Promise<TicketItem> {
  const ticketId = await ticketIdForNumber(number);
  if (!ticketId) throw new TicketNotFoundError();
  return loadTicketFor(actor, ticketId, 'read');
}
