import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient, tableName } from '../db/client.js';
import type { TicketItem } from '../db/entities/ticket.js';
import { TicketTimer, timerSortKey } from '../db/entities/ticket-timer.js';
import type { TransactItem } from '../tickets/store.js';
import type { TicketSla } from './types.js';

/** Partition of the `due` index holding one `overdue` timer per breached, unresolved ticket. */
export const overduePartition = 'overdue';

const doneStatuses: ReadonlySet<string> = new Set(['resolved', 'closed']);

/** Since when a ticket is overdue: its earliest breached clock while it is not resolved or closed. */
export function overdueSince(ticket: Pick<TicketItem, 'status' | 'sla'> | undefined): string | undefined {
  if (!ticket || doneStatuses.has(ticket.status)) return undefined;
  const clocks = Object.values((ticket.sla as TicketSla | undefined)?.clocks ?? {});
  // A breached clock is owed until met (it may be paused meanwhile).
  const breached = clocks.filter((c) => !!c?.breachedAt && c.state !== 'met').map((c) => c!.breachedAt!);
  return breached.length ? breached.sort()[0] : undefined;
}

/** The `overdue` timer's put or delete when a change makes the ticket (no longer) overdue; nothing otherwise. */
export function overdueItems(before: TicketItem | undefined, after: TicketItem): TransactItem[] {
  const was = overdueSince(before);
  const is = overdueSince(after);
  if (was === is) return [];
  const key = { ticketId: after.ticketId, kind: 'overdue' as const };
  if (!is) return [{ Delete: TicketTimer.delete(key).params() as never }];
  const { Item, TableName } = TicketTimer.put({ ...key, at: is, duepk: overduePartition, duesk: timerSortKey(is, after.ticketId) })
    .params<{ Item: Record<string, unknown>; TableName: string }>();
  return [{ Put: { TableName, Item } }];
}

const encode = (key: Record<string, unknown> | undefined) => (key ? Buffer.from(JSON.stringify(key)).toString('base64url') : null);
const decode = (cursor: string | null) => (cursor ? (JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Record<string, unknown>) : undefined);

/**
 * One page of overdue ticket ids from the `due` index (one Query), oldest breach first (or newest
 * with `desc`). `cursor` is the base64url JSON of the last key read, as the lists use.
 */
export async function overdueTicketIds(limit: number, cursor: string | null, order: 'asc' | 'desc'): Promise<{ ids: string[]; cursor: string | null }> {
  const start = decode(cursor);
  const page = await documentClient.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: 'due',
      KeyConditionExpression: 'duepk = :k',
      ExpressionAttributeValues: { ':k': overduePartition },
      ScanIndexForward: order === 'asc',
      Limit: limit,
      ...(start ? { ExclusiveStartKey: start } : {}),
    }),
  );
  const ids = (page.Items ?? []).map((i) => String(i.ticketId));
  return { ids, cursor: encode(page.LastEvaluatedKey) };
}
