import { Service } from 'electrodb';
import { documentClient, tableName } from '../db/client.js';
import { Counter } from '../db/entities/counter.js';
import { StreamMark } from '../db/entities/stream-mark.js';
import { overdueSince } from '../sla/overdue.js';
import { activeStatuses } from '../tickets/lifecycle.js';
import type { Change } from './changes.js';

/** Entities whose items are bookkeeping, not business records: never counted. */
const uncounted = new Set(['counter', 'streamMark', 'scheduleRun']);

const consumer = 'counters';

/** Only the two entities the counter transaction writes (each Lambda builds only what it uses). */
const makeStore = () => new Service({ counter: Counter, streamMark: StreamMark }, { client: documentClient, table: tableName });
/** Built on first use: constructing a Service at import time costs cold-start time on every Lambda that imports this module. */
let store: ReturnType<typeof makeStore> | undefined;
const getStore = () => (store ??= makeStore());
const markDays = 2;

/** The counter delta a change implies: +1 when an entity item appears, -1 when it goes. */
export function counterDelta(change: Change): { scope: string; name: string; delta: number } | undefined {
  if (!change.entity || uncounted.has(change.entity)) return undefined;
  if (change.kind === 'modify') return undefined;
  return { scope: 'entities', name: change.entity, delta: change.kind === 'insert' ? 1 : -1 };
}

export type CounterDelta = { scope: string; name: string; delta: number };

/** The customer counter names (scope `customers`) an image counts in: its status, its type, both. */
function customerNames(image: Record<string, unknown> | undefined): string[] {
  if (!image || typeof image.status !== 'string' || typeof image.type !== 'string') return [];
  return [`status#${image.status}`, `type#${image.type}`, `status#${image.status}#type#${image.type}`];
}

/** Customer statistics: -1 on every name the old image counted in, +1 on the new one's; unchanged names cancel out. */
export function customerDeltas(change: Change): CounterDelta[] {
  if (change.entity !== 'customer') return [];
  const totals = new Map<string, number>();
  for (const name of customerNames(change.oldImage)) totals.set(name, (totals.get(name) ?? 0) - 1);
  for (const name of customerNames(change.newImage)) totals.set(name, (totals.get(name) ?? 0) + 1);
  return [...totals].filter(([, delta]) => delta !== 0).map(([name, delta]) => ({ scope: 'customers', name, delta }));
}

/** Scope of the desk's queue counters (active tickets only). */
export const ticketQueueScope = 'ticketQueues';
const active: ReadonlySet<string> = new Set(activeStatuses);

/** The overdue queue's counter: open tickets with a breached SLA clock still owed, any group. */
export const overdueQueueName = 'overdue';

/**
 * The queue counters an image counts in: nothing once resolved or closed; else `all`, its group
 * (`group#<groupId>`), either its assignee (`assignee#<userId>`) or `unassigned#<groupId>`, and
 * `overdue` while it has an open breach — the rule that writes its `overdue` marker (shared/sla/overdue.ts)
 * in the same transaction, so the count is what the overdue queue lists.
 */
export function ticketQueueNames(image: Record<string, unknown> | undefined): string[] {
  if (!image || typeof image.status !== 'string' || !active.has(image.status) || typeof image.groupId !== 'string') return [];
  const assignee = typeof image.assigneeId === 'string' && image.assigneeId ? `assignee#${image.assigneeId}` : `unassigned#${image.groupId}`;
  const overdue = overdueSince(image as Parameters<typeof overdueSince>[0]) ? [overdueQueueName] : [];
  return ['all', `group#${image.groupId}`, assignee, ...overdue];
}

/** Queue counters: -1 where the old image counted, +1 where the new one does (assign, transfer, resolve, reopen, breach, delete). */
export function ticketQueueDeltas(change: Change): CounterDelta[] {
  if (change.entity !== 'ticket') return [];
  const totals = new Map<string, number>();
  for (const name of ticketQueueNames(change.oldImage)) totals.set(name, (totals.get(name) ?? 0) - 1);
  for (const name of ticketQueueNames(change.newImage)) totals.set(name, (totals.get(name) ?? 0) + 1);
  return [...totals].filter(([, delta]) => delta !== 0).map(([name, delta]) => ({ scope: ticketQueueScope, name, delta }));
}

/** Every counter a change moves: the entity count and the domain statistics. */
export function counterDeltas(change: Change): CounterDelta[] {
  const entity = counterDelta(change);
  return [...(entity ? [entity] : []), ...customerDeltas(change), ...ticketQueueDeltas(change)];
}

/**
 * Applies counter deltas for one stream record exactly once per `markConsumer`: the counter
 * updates and a per-record mark are written in one transaction; a redelivered record finds its
 * mark and is skipped. Shared by every stream aggregate kept in counters (entity counts, SLA metrics).
 */
export async function applyDeltasOnce(
  markConsumer: string,
  eventId: string,
  deltas: readonly CounterDelta[],
  now = new Date(),
): Promise<'applied' | 'duplicate' | 'ignored'> {
  if (deltas.length === 0) return 'ignored';
  const expiresAt = Math.floor(now.getTime() / 1000) + markDays * 86_400;
  const result = await getStore().transaction
    .write(({ counter, streamMark }) => [
      streamMark.create({ consumer: markConsumer, eventId, expiresAt }).commit(),
      ...deltas.map((d) => counter.upsert({ scope: d.scope, name: d.name }).add({ value: d.delta }).commit()),
    ])
    .go();
  if (!result.canceled) return 'applied';
  if (result.data[0]?.code === 'ConditionalCheckFailed') return 'duplicate';
  throw new Error(`${markConsumer} transaction cancelled: ${result.data.map((d) => d.code).join(', ')}`);
}

/** Applies a change to the entity and domain counters exactly once. */
export function applyToCounters(change: Change, now = new Date()): Promise<'applied' | 'duplicate' | 'ignored'> {
  return applyDeltasOnce(consumer, change.eventId, counterDeltas(change), now);
}

/** Current values of one counter scope, e.g. entity counts for the admin dashboard. */
export async function readCounters(scope: string): Promise<Record<string, number>> {
  const { data } = await Counter.query.byScope({ scope }).go({ pages: 'all' });
  return Object.fromEntries(data.map((c) => [c.name, c.value]));
}
