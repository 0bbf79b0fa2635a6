import type { UserActor } from '../auth/actor.js';
import { Ticket, type TicketItem } from '../db/entities/ticket.js';
import { AppError, ConflictError, NotFoundError } from '../errors.js';
import { loadTicketFor } from './access.js';
import { eventPut, writeTicketChange, type TransactItem } from './store.js';

export const maxLinksPerTicket = 50;

/**
 * Runs a ticket transaction whose extra items carry conditions too (another ticket's version, a
 * tag that must exist): any failed condition answers 409 `conflict`, nothing written.
 */
export async function transactionConflict<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (err) {
    const reasons = (err as { CancellationReasons?: { Code?: string }[] }).CancellationReasons;
    if (reasons?.some((r) => r.Code === 'ConditionalCheckFailed')) throw new ConflictError();
    throw err;
  }
}

/** Another ticket's update, conditioned on the version read, for `writeTicketChange`'s `also`. */
export function otherTicketUpdate(ticket: TicketItem, set: Partial<Pick<TicketItem, 'linkedTicketIds'>>): TransactItem {
  const params = Ticket.patch({ ticketId: ticket.ticketId })
    .set({ ...set, version: ticket.version + 1 })
    .where(({ version }, { eq }) => eq(version, ticket.version))
    .params<Record<string, unknown>>();
  return { Update: params as never };
}

async function pair(actor: UserActor, ticketId: string, otherTicketId: string): Promise<[TicketItem, TicketItem]> {
  if (ticketId === otherTicketId) throw new AppError(400, 'link_same_ticket', 'A ticket cannot be linked to itself');
  return Promise.all([loadTicketFor(actor, ticketId, 'write'), loadTicketFor(actor, otherTicketId, 'write')]);
}

/** Links two related tickets both ways (`linkedTicketIds` on each, a `link` event on each timeline), in one transaction. */
export async function linkTickets(actor: UserActor, ticketId: string, otherTicketId: string): Promise<{ ticketId: string; linkedTicketIds: string[]; version: number }> {
  const [ticket, other] = await pair(actor, ticketId, otherTicketId);
  const mine = ticket.linkedTicketIds ?? [];
  const theirs = other.linkedTicketIds ?? [];
  if (mine.includes(otherTicketId) && theirs.includes(ticketId)) return { ticketId, linkedTicketIds: mine, version: ticket.version };
  if (mine.length >= maxLinksPerTicket || theirs.length >= maxLinksPerTicket) {
    throw new AppError(400, 'too_many_links', `A ticket links at most ${maxLinksPerTicket} others`, { max: maxLinksPerTicket });
  }
  const linked = [...new Set([...mine, otherTicketId])];
  const written = await transactionConflict(() =>
    writeTicketChange({
      ticket,
      set: { linkedTicketIds: linked },
      events: [{ kind: 'link', to: otherTicketId, details: { action: 'linked', ticketId: otherTicketId, number: other.number }, actorId: actor.userId }],
      also: [
        otherTicketUpdate(other, { linkedTicketIds: [...new Set([...theirs, ticketId])] }),
        eventPut(otherTicketId, { kind: 'link', to: ticketId, details: { action: 'linked', ticketId, number: ticket.number }, actorId: actor.userId }),
      ],
    }),
  );
  return { ticketId, linkedTicketIds: written.linkedTicketIds ?? [], version: written.version };
}

/** Removes a link both ways (404 when the tickets are not linked). */
export async function unlinkTickets(actor: UserActor, ticketId: string, otherTicketId: string): Promise<{ ticketId: string; linkedTicketIds: string[]; version: number }> {
  const [ticket, other] = await pair(actor, ticketId, otherTicketId);
  const mine = ticket.linkedTicketIds ?? [];
  const theirs = other.linkedTicketIds ?? [];
  if (!mine.includes(otherTicketId) && !theirs.includes(ticketId)) throw new NotFoundError('These tickets are not linked');
  const written = await transactionConflict(() =>
    writeTicketChange({
      ticket,
      set: { linkedTicketIds: mine.filter((id) => id !== otherTicketId) },
      events: [{ kind: 'link', from: otherTicketId, details: { action: 'unlinked', ticketId: otherTicketId, number: other.number }, actorId: actor.userId }],
      also: [
        otherTicketUpdate(other, { linkedTicketIds: theirs.filter((id) => id !== ticketId) }),
        eventPut(otherTicketId, { kind: 'link', from: ticketId, details: { action: 'unlinked', ticketId, number: ticket.number }, actorId: actor.userId }),
      ],
    }),
  );
  return { ticketId, linkedTicketIds: written.linkedTicketIds ?? [], version: written.version };
}
