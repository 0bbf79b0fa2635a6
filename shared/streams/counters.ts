import { Service } from 'electrodb';
import { documentClient, tableName } from '../db/client.js';
import { Counter } from '../db/entities/counter.js';
import { StreamMark } from '../db/entities/stream-mark.js';
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

/**
 * Applies a change to the entity counters exactly once: the counter update and a per-record
 * mark are written in one transaction; a redelivered record finds its mark and is skipped.
 */
export async function applyToCounters(change: Change, now = new Date()): Promise<'applied' | 'duplicate' | 'ignored'> {
  const delta = counterDelta(change);
  if (!delta) return 'ignored';
  const expiresAt = Math.floor(now.getTime() / 1000) + markDays * 86_400;
  const result = await getStore().transaction
    .write(({ counter, streamMark }) => [
      streamMark.create({ consumer, eventId: change.eventId, expiresAt }).commit(),
      counter.upsert({ scope: delta.scope, name: delta.name }).add({ value: delta.delta }).commit(),
    ])
    .go();
  if (!result.canceled) return 'applied';
  if (result.data[0]?.code === 'ConditionalCheckFailed') return 'duplicate';
  throw new Error(`Counter transaction cancelled: ${result.data.map((d) => d.code).join(', ')}`);
}

/** Current values of one counter scope, e.g. entity counts for the admin dashboard. */
export async function readCounters(scope: string): Promise<Record<string, number>> {
  const { data } = await Counter.query.byScope({ scope }).go({ pages: 'all' });
  return Object.fromEntries(data.map((c) => [c.name, c.value]));
}
