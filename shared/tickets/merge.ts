import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { UserActor } from '../auth/actor.js';
import { documentClient } from '../db/client.js';
import { Ticket, type TicketItem } from '../db/entities/ticket.js';
import { TicketAttachment } from '../db/entities/ticket-attachment.js';
import { TicketMessage } from '../db/entities/ticket-message.js';
import { TicketWatcher } from '../db/entities/ticket-watcher.js';
import { isConditionalCheckFailed } from '../db/errors.js';
import { AppError, ConflictError } from '../errors.js';
import { slaChangeFor, slaClock } from '../sla/wiring.js';
import { loadTicketFor } from './access.js';
import { loadDeltaItems } from './assignment.js';
import { transactionConflict } from './links.js';
import type { MergeTicket } from './organisation-schemas.js';
import { eventPut, writeTicketChange, type TransactItem } from './store.js';

/** Items moved per transaction: a Put and a Delete each, within DynamoDB's 100-item limit. */
export const movesPerTransaction = 49;

type Row = { Item: Record<string, unknown>; TableName: string };
type KeyOf = { Key: Record<string, unknown>; TableName: string };

/** The Put (in the target's partition) and Delete (in the source's) moving one conversation item. */
function moveItems(put: Row, del: KeyOf): TransactItem[] {
  return [
    { Put: { TableName: put.TableName, Item: put.Item, ConditionExpression: 'attribute_not_exists(pk)' } },
    { Delete: { TableName: del.TableName, Key: del.Key } },
  ];
}

/**
 * Moves the source's messages and attachments into the target's partition (same ids, same
 * stored files: an attachment keeps its `s3Key`), in transactions of at most 49 moves; each move
 * is all or nothing, so a merge interrupted half way is finished by calling it again.
 */
async function moveConversation(sourceId: string, targetId: string): Promise<{ messages: number; attachments: number }> {
  const [{ data: messages }, { data: attachments }] = await Promise.all([
    TicketMessage.query.byTicket({ ticketId: sourceId }).go({ pages: 'all' }),
    TicketAttachment.query.byTicket({ ticketId: sourceId }).go({ pages: 'all' }),
  ]);
  const moves: TransactItem[][] = [
    ...messages.map((m) =>
      moveItems(
        TicketMessage.create({ ...m, ticketId: targetId }).params<Row>(),
        TicketMessage.delete({ ticketId: sourceId, createdAt: m.createdAt, messageId: m.messageId }).params<KeyOf>(),
      ),
    ),
    ...attachments.map((a) =>
      moveItems(
        TicketAttachment.create({ ...a, ticketId: targetId }).params<Row>(),
        TicketAttachment.delete({ ticketId: sourceId, attachmentId: a.attachmentId }).params<KeyOf>(),
      ),
    ),
  ];
  for (let i = 0; i < moves.length; i += movesPerTransaction) {
    await documentClient.send(new TransactWriteCommand({ TransactItems: moves.slice(i, i + movesPerTransaction).flat() }));
  }
  return { messages: messages.length, attachments: attachments.length };
}

/**
 * The source's watchers go on watching the target (with their preferences); someone already
 * watching the target keeps their own settings. One watcher at a time, so calling it again after an
 * interruption finishes the move.
 */
async function moveWatchers(sourceId: string, targetId: string): Promise<number> {
  const { data: watchers } = await TicketWatcher.query.byTicket({ ticketId: sourceId }).go({ pages: 'all' });
  for (const w of watchers) {
    await TicketWatcher.create({ ...w, ticketId: targetId })
      .go()
      .catch((err: unknown) => {
        if (!isConditionalCheckFailed(err)) throw err;
      });
    await TicketWatcher.delete({ ticketId: sourceId, userId: w.userId }).go();
  }
  return watchers.length;
}

function checkMerge(source: TicketItem, target: TicketItem, input: MergeTicket): void {
  if (source.customerId !== target.customerId) {
    throw new AppError(400, 'merge_customer_mismatch', 'Only tickets of the same customer can be merged');
  }
  if (source.mergedInto) throw new ConflictError('already_merged', 'This ticket was merged already', { mergedInto: source.mergedInto });
  if (target.mergedInto || target.status === 'closed') {
    throw new ConflictError('merge_target_closed', 'The target ticket is closed or merged; merge into an open ticket');
  }
  if (source.version !== input.version || target.version !== input.targetVersion) throw new ConflictError();
}

const later = (a: string | undefined, b: string | undefined) => (a && b ? (a > b ? a : b) : (a ?? b));

/**
 * The target's side of a merge, for the source's change transaction: its version moves on, it
 * takes the later of both tickets' last customer and agent message times (a question left open on
 * the source is now owed on the target), and its SLA is recomputed like any ticket change (clocks,
 * `due` keys, timers, overdue marker).
 */
async function targetUpdate(target: TicketItem, source: TicketItem, slaNow: string): Promise<TransactItem[]> {
  const carried: Partial<Pick<TicketItem, 'lastCustomerMessageAt' | 'lastAgentMessageAt'>> = {};
  for (const key of ['lastCustomerMessageAt', 'lastAgentMessageAt'] as const) {
    const value = later(target[key], source[key]);
    if (value && value !== target[key]) carried[key] = value;
  }
  const sla = await slaChangeFor(target, { ...target, ...carried }, slaNow);
  let update = Ticket.patch({ ticketId: target.ticketId }).set({ ...carried, ...sla.set, version: target.version + 1 });
  if (sla.remove.length) update = update.remove(sla.remove);
  const params = update.where(({ version }, { eq }) => eq(version, target.version)).params<Record<string, unknown>>();
  return [{ Update: params as never }, ...sla.also];
}

/**
 * Merges a duplicate into a target ticket of the same customer (staff). First, in one
 * transaction conditioned on both versions read: the source closes with `mergedInto` (its agent's
 * load drops), the target's version moves on and its SLA is recomputed, both timelines get a
 * `merge` event. Then the source's conversation (messages and attachments) and its watchers move
 * to the target. Called again for a source already merged into the same target, it only finishes
 * moving what is left.
 */
export async function mergeTickets(actor: UserActor, sourceId: string, input: MergeTicket) {
  if (sourceId === input.targetTicketId) throw new AppError(400, 'merge_same_ticket', 'A ticket cannot be merged into itself');
  let [source, target] = await Promise.all([loadTicketFor(actor, sourceId, 'write'), loadTicketFor(actor, input.targetTicketId, 'write')]);
  if (source.mergedInto !== target.ticketId) {
    checkMerge(source, target, input);
    const now = new Date().toISOString();
    const slaNow = slaClock.now();
    const targetItems = await targetUpdate(target, source, slaNow);
    const into = { ticketId: target.ticketId, number: target.number };
    source = await transactionConflict(() =>
      writeTicketChange({
        ticket: source,
        slaNow,
        set: { status: 'closed', closedAt: now, mergedInto: target.ticketId },
        events: [
          { kind: 'merge', from: source.status, to: 'closed', details: { action: 'merged_into', ...into }, actorId: actor.userId },
          { kind: 'status', from: source.status, to: 'closed', reason: `Merged into #${target.number}`, actorId: actor.userId },
        ],
        also: [
          // Closing an active, assigned ticket takes it off its agent's load.
          ...loadDeltaItems(source, { ...source, status: 'closed' }),
          ...targetItems,
          eventPut(target.ticketId, {
            kind: 'merge',
            details: { action: 'merged_from', ticketId: source.ticketId, number: source.number },
            actorId: actor.userId,
          }, now),
        ],
      }),
    );
    target = { ...target, version: target.version + 1 };
  }
  const moved = await moveConversation(source.ticketId, target.ticketId);
  const movedWatchers = await moveWatchers(source.ticketId, target.ticketId);
  return {
    sourceTicketId: source.ticketId,
    targetTicketId: target.ticketId,
    movedMessages: moved.messages,
    movedAttachments: moved.attachments,
    movedWatchers,
    sourceVersion: source.version,
    targetVersion: target.version,
  };
}
