/**
 * The automation timers a ticket change writes in its own transaction (see automation.ts for the
 * sweep that reads them). Kept apart from the sweep so ticket writes do not bundle its mailing.
 */
import type { TicketItem } from '../db/entities/ticket.js';
import { TicketTimer, timerSortKey, type TicketTimerKind } from '../db/entities/ticket-timer.js';
import type { TransactItem } from '../tickets/store.js';

export const timerPut = (ticketId: string, kind: TicketTimerKind, at: string): TransactItem => {
  const { Item, TableName } = TicketTimer.put({ ticketId, kind, at, duepk: kind, duesk: timerSortKey(at, ticketId) })
    .params<{ Item: Record<string, unknown>; TableName: string }>();
  return { Put: { TableName, Item } };
};
const timerDelete = (ticketId: string, kind: TicketTimerKind): TransactItem => ({ Delete: TicketTimer.delete({ ticketId, kind }).params() as never });

/** The timer puts/deletes a change needs: entering or leaving `resolved` / `waiting_on_customer`. */
export function automationTimerItems(before: TicketItem | undefined, after: TicketItem, now: string): TransactItem[] {
  const items: TransactItem[] = [];
  const was = before?.status;
  if (after.status === 'resolved' && was !== 'resolved') items.push(timerPut(after.ticketId, 'auto-close', after.resolvedAt ?? now));
  if (was === 'resolved' && after.status !== 'resolved') items.push(timerDelete(after.ticketId, 'auto-close'));
  if (after.status === 'waiting_on_customer' && was !== 'waiting_on_customer') items.push(timerPut(after.ticketId, 'waiting-remind', now));
  if (was === 'waiting_on_customer' && after.status !== 'waiting_on_customer') {
    items.push(timerDelete(after.ticketId, 'waiting-remind'), timerDelete(after.ticketId, 'waiting-resolve'));
  }
  return items;
}
