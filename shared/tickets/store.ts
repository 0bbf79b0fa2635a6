import { randomUUID } from 'node:crypto';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient } from '../db/client.js';
import { isConditionalCheckFailed } from '../db/errors.js';
import { Ticket, type TicketItem } from '../db/entities/ticket.js';
import { TicketEvent } from '../db/entities/ticket-event.js';
import { ConflictError } from '../errors.js';
import { slaChangeFor, slaClock } from '../sla/wiring.js';

/** One timeline entry to append with a change. */
export interface TicketEventInput {
  kind: string;
  from?: string | undefined;
  to?: string | undefined;
  reason?: string | undefined;
  details?: Record<string, unknown> | undefined;
  actorId: string;
}

/** A DocumentClient transaction item, e.g. from `SomeEntity.put(...).params()` wrapped as `{ Put: ... }`. */
export type TransactItem = NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']>[number];

type TicketChanges = Partial<Omit<TicketItem, 'ticketId' | 'number' | 'createdAt' | 'createdBy' | 'directory' | 'version' | 'updatedAt'>>;

export class TicketConflictError extends ConflictError {
  constructor() {
    super('conflict', 'The ticket changed since you loaded it; reload and try again');
  }
}

/** The timeline item for an event, as a transaction Put. */
export function eventPut(ticketId: string, event: TicketEventInput, at = new Date().toISOString()): TransactItem {
  const { Item, TableName } = TicketEvent.create({
    ticketId,
    eventId: randomUUID(),
    at,
    kind: event.kind,
    actorId: event.actorId,
    ...(event.from !== undefined ? { from: event.from } : {}),
    ...(event.to !== undefined ? { to: event.to } : {}),
    ...(event.reason !== undefined ? { reason: event.reason } : {}),
    ...(event.details !== undefined ? { details: event.details } : {}),
  }).params<{ Item: Record<string, unknown>; TableName: string }>();
  return { Put: { TableName, Item, ConditionExpression: 'attribute_not_exists(pk)' } };
}

/**
 * Writes a change to a ticket, its timeline events and any other items (`also`) in ONE
 * transaction, conditioned on the ticket's version being the one read: two agents saving at once
 * cannot both win, and the loser gets 409 `conflict` with nothing written. `remove` drops
 * attributes (e.g. `assigneeId` on unassign). The SLA state, `due` keys, automation timers and
 * overdue marker are recomputed for the result and go in the same transaction (shared/sla/wiring.ts).
 * Returns the ticket as written.
 */
export async function writeTicketChange(input: {
  ticket: TicketItem;
  set: TicketChanges;
  remove?: (keyof TicketChanges)[];
  events: TicketEventInput[];
  also?: TransactItem[];
  /** The instant the SLA engine computes at (the sweeps pass their scheduled time); default now. */
  slaNow?: string;
}): Promise<TicketItem> {
  const { ticket } = input;
  const at = new Date().toISOString();
  const sla = await slaChangeFor(ticket, applyChange(ticket, input.set, input.remove), input.slaNow ?? slaClock.now());
  const set = { ...input.set, ...sla.set };
  const remove = [...new Set([...(input.remove ?? []), ...sla.remove])].filter((k) => !(k in set));
  let update = Ticket.patch({ ticketId: ticket.ticketId }).set({ ...set, version: ticket.version + 1 });
  if (remove.length) update = update.remove(remove as never);
  const params = update.where(({ version }, { eq }) => eq(version, ticket.version)).params<Record<string, unknown>>();
  const items: TransactItem[] = [
    { Update: params as never },
    ...input.events.map((e) => eventPut(ticket.ticketId, e, at)),
    ...(input.also ?? []),
    ...sla.also,
  ];
  try {
    await documentClient.send(new TransactWriteCommand({ TransactItems: items }));
  } catch (err) {
    const reasons = (err as { CancellationReasons?: { Code?: string }[] }).CancellationReasons;
    // The version check failed, or DynamoDB cancelled because another transaction was writing the ticket.
    if (reasons?.[0]?.Code === 'ConditionalCheckFailed' || reasons?.some((r) => r.Code === 'TransactionConflict') || (!reasons && isConditionalCheckFailed(err))) {
      throw new TicketConflictError();
    }
    throw err;
  }
  return { ...applyChange(ticket, set, remove), version: ticket.version + 1, updatedAt: at };
}

function applyChange(ticket: TicketItem, set: TicketChanges, remove: readonly (keyof TicketChanges)[] | undefined): TicketItem {
  const next: TicketItem = { ...ticket, ...set };
  for (const key of remove ?? []) delete (next as Record<string, unknown>)[key];
  return next;
}
