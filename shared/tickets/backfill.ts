import { setTimeout as sleep } from 'node:timers/promises';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient } from '../db/client.js';
import { Counter } from '../db/entities/counter.js';
import { TicketEvent } from '../db/entities/ticket-event.js';
import { TicketTimer, timerSortKey, type TicketTimerKind } from '../db/entities/ticket-timer.js';
import { Ticket, type TicketItem } from '../db/entities/ticket.js';
import { logger } from '../observability.js';
import { dueKeys } from '../sla/engine.js';
import { overdueSince } from '../sla/overdue.js';
import type { TicketSla } from '../sla/types.js';
import { policyFor, slaClock } from '../sla/wiring.js';
import { ticketQueueNames, ticketQueueScope } from '../streams/counters.js';
import { TicketConflictError, writeTicketChange, type TransactItem } from './store.js';

/**
 * One-off operator migration for tickets written before the SLA engine and the queue counters
 * (runbook "Ticket backfill"). Tickets are read from the `byAll` index (gsi4, every ticket and
 * nothing else, projected whole) rather than a table Scan. Per ticket: the SLA state and `due`
 * keys through writeTicketChange (only when missing or inconsistent), then the missing automation
 * and overdue timers (conditioned on the ticket's version). Then the queue counters are
 * reconciled to values counted from the tickets. A second run finds nothing to write.
 */

export interface TimerWant {
  kind: TicketTimerKind;
  at: string;
}

/** Whether the ticket lacks its SLA state (a policy applies) or its `due` keys disagree with it. */
export function slaMissing(ticket: Pick<TicketItem, 'ticketId' | 'sla' | 'duepk' | 'duesk'>, hasPolicy: boolean): boolean {
  const sla = ticket.sla as TicketSla | undefined;
  if (!sla) return hasPolicy;
  const keys = dueKeys(sla, ticket.ticketId);
  return (keys.duepk ?? '') !== (ticket.duepk ?? '') || (keys.duesk ?? '') !== (ticket.duesk ?? '');
}

/**
 * The timers the normal write path would hold for this ticket now: auto-close from `resolvedAt`;
 * while waiting on the customer, the reminder from when it entered the status, or the resolve timer
 * from the reminder already sent; `overdue` from the earliest open breach.
 */
export function wantedTimers(ticket: TicketItem, waiting?: { enteredAt: string; remindedAt?: string | undefined }): TimerWant[] {
  const wants: TimerWant[] = [];
  if (ticket.status === 'resolved') wants.push({ kind: 'auto-close', at: ticket.resolvedAt ?? ticket.updatedAt });
  if (ticket.status === 'waiting_on_customer' && waiting) {
    wants.push(waiting.remindedAt ? { kind: 'waiting-resolve', at: waiting.remindedAt } : { kind: 'waiting-remind', at: waiting.enteredAt });
  }
  const overdue = overdueSince(ticket);
  if (overdue) wants.push({ kind: 'overdue', at: overdue });
  return wants;
}

/** When the ticket last entered `waiting_on_customer`, and the reminder sent since (timeline). */
async function waitingSince(ticket: TicketItem): Promise<{ enteredAt: string; remindedAt?: string }> {
  const { data } = await TicketEvent.query
    .byTicket({ ticketId: ticket.ticketId })
    .where(({ kind }, { eq }) => `${eq(kind, 'status')} OR ${eq(kind, 'reminder')}`)
    .go({ order: 'desc', pages: 'all', attributes: ['at', 'kind', 'to'] });
  const entered = data.find((e) => e.kind === 'status' && e.to === 'waiting_on_customer')?.at ?? ticket.updatedAt;
  const reminded = data.find((e) => e.kind === 'reminder' && e.at >= entered)?.at;
  return { enteredAt: entered, ...(reminded ? { remindedAt: reminded } : {}) };
}

/** The wanted timers that do not exist (a GetItem per kind: 1 or 2). */
async function missingTimers(ticket: TicketItem): Promise<TimerWant[]> {
  const waiting = ticket.status === 'waiting_on_customer' ? await waitingSince(ticket) : undefined;
  const wants = wantedTimers(ticket, waiting);
  if (!wants.length) return [];
  const kinds: TicketTimerKind[] = wants.flatMap((w) => (w.kind.startsWith('waiting-') ? ['waiting-remind', 'waiting-resolve'] : [w.kind]) as TicketTimerKind[]);
  const found = await Promise.all(kinds.map(async (kind) => ((await TicketTimer.get({ ticketId: ticket.ticketId, kind }).go()).data ? kind : undefined)));
  const have = new Set(found.filter((k) => k !== undefined).map((k) => (k.startsWith('waiting-') ? 'waiting' : k)));
  return wants.filter((w) => !have.has(w.kind.startsWith('waiting-') ? 'waiting' : w.kind));
}

const timerCreate = (ticketId: string, w: TimerWant): TransactItem => {
  const params = TicketTimer.create({ ticketId, kind: w.kind, at: w.at, duepk: w.kind, duesk: timerSortKey(w.at, ticketId) }).params();
  return { Put: params as never };
};

/** Holds the transaction to the ticket version read, without changing the ticket. */
function versionCheck(ticket: TicketItem): TransactItem {
  const { Key, TableName } = Ticket.get({ ticketId: ticket.ticketId }).params<{ Key: Record<string, unknown>; TableName: string }>();
  return { ConditionCheck: { TableName, Key, ConditionExpression: '#v = :v', ExpressionAttributeNames: { '#v': 'version' }, ExpressionAttributeValues: { ':v': ticket.version } } };
}

export type TicketOutcome = { sla: boolean; timers: number };

/**
 * One ticket: the SLA state through the normal change path when missing, plus the missing timers,
 * in one transaction on the version read. A concurrent change (or a timer appearing meanwhile)
 * cancels it; the fresh ticket is then tried again.
 */
export async function backfillTicket(first: TicketItem, now: string): Promise<TicketOutcome> {
  let ticket: TicketItem | null = first;
  for (let attempt = 1; ticket && attempt <= 3; attempt++) {
    const { policy } = await policyFor(ticket);
    const sla = slaMissing(ticket, !!policy);
    // A rewritten SLA moves the overdue marker itself (overdueItems): never both in one transaction.
    const timers = (await missingTimers(ticket)).filter((w) => !(sla && w.kind === 'overdue'));
    if (!sla && !timers.length) return { sla: false, timers: 0 };
    const puts = timers.map((w) => timerCreate(ticket!.ticketId, w));
    try {
      if (sla) await writeTicketChange({ ticket, set: {}, events: [], also: puts, slaNow: now });
      else await documentClient.send(new TransactWriteCommand({ TransactItems: [versionCheck(ticket), ...puts] }));
      return { sla, timers: timers.length };
    } catch (err) {
      if (!(err instanceof TicketConflictError) && !(err as { CancellationReasons?: unknown }).CancellationReasons) throw err;
      ticket = (await Ticket.get({ ticketId: ticket.ticketId }).go({ consistent: true })).data;
    }
  }
  return { sla: false, timers: 0 };
}

/** Active tickets per queue counter name, counted from ticket images (the stream's own rule). */
export function queueTotals(tickets: Iterable<Record<string, unknown>>): Map<string, number> {
  const totals = new Map<string, number>();
  for (const t of tickets) for (const name of ticketQueueNames(t)) totals.set(name, (totals.get(name) ?? 0) + 1);
  return totals;
}

/** What to ADD to each counter so it equals the count: every name either side, zero deltas left out. */
export function corrections(totals: ReadonlyMap<string, number>, counters: ReadonlyMap<string, number>): Map<string, number> {
  const out = new Map<string, number>();
  for (const name of new Set([...totals.keys(), ...counters.keys()])) {
    const delta = (totals.get(name) ?? 0) - (counters.get(name) ?? 0);
    if (delta !== 0) out.set(name, delta);
  }
  return out;
}

async function queueCounters(): Promise<{ values: Map<string, number>; lastWrite: string }> {
  const { data } = await Counter.query.byScope({ scope: ticketQueueScope }).go({ pages: 'all' });
  return { values: new Map(data.map((c) => [c.name, c.value])), lastWrite: data.map((c) => c.updatedAt ?? '').sort().at(-1) ?? '' };
}

export type CounterRebuild = { status: 'rebuilt'; corrected: number; names: number } | { status: 'busy' };

/**
 * Reconciles the queue counters with the tickets. Rule (concurrent writes): the counters are only
 * ever corrected by ADD of (count − value), never overwritten, so a stream delta applied at any
 * time is kept; and the correction is only applied when the count and the values describe the
 * same instant: after `settle` (the stream has applied every earlier change) no ticket may show a
 * change since the count began, and no counter may have moved since then. Otherwise nothing is
 * written and `busy` asks for another try. Re-running recomputes from scratch (a reconcile, not a
 * replay), so a run interrupted mid-write is repaired by the next.
 */
export async function rebuildQueueCounters(settle: () => Promise<void>): Promise<CounterRebuild> {
  await settle();
  const before = await queueCounters();
  const start = new Date().toISOString();
  const images: Record<string, unknown>[] = [];
  let moved = false;
  for (let cursor: string | null = null, first = true; first || cursor; first = false) {
    // `sla` too: the overdue counter is counted from it (ticketQueueNames).
    const page: { data: Array<Pick<TicketItem, 'status' | 'groupId' | 'assigneeId' | 'updatedAt' | 'sla'>>; cursor: string | null } = await Ticket.query
      .byAll({ directory: 'tickets' })
      .go({ cursor, pages: 1, attributes: ['status', 'groupId', 'assigneeId', 'updatedAt', 'sla'] });
    for (const t of page.data) {
      images.push(t);
      if (t.updatedAt >= start) moved = true;
    }
    cursor = page.cursor;
  }
  await settle();
  const after = await queueCounters();
  const same = before.values.size === after.values.size && [...after.values].every(([n, v]) => before.values.get(n) === v);
  if (moved || !same || after.lastWrite >= start) return { status: 'busy' };
  const totals = queueTotals(images);
  const deltas = corrections(totals, after.values);
  for (const [name, delta] of deltas) await Counter.upsert({ scope: ticketQueueScope, name }).add({ value: delta }).go();
  return { status: 'rebuilt', corrected: deltas.size, names: new Set([...after.values.keys(), ...totals.keys()]).size };
}

/** Where a run is: encoded as the continuation cursor. */
interface RunState {
  phase: 'tickets' | 'counters';
  key: string | null;
  done: number;
  sla: number;
  timers: number;
  failed: number;
}

export interface BackfillReport {
  /** True when every ticket and the counters are done; else pass `cursor` to continue. */
  done: boolean;
  cursor: string | null;
  phase: RunState['phase'];
  ticketsDone: number;
  /** The `ticket` entity counter (kept by the stream): an estimate. */
  ticketsTotal: number;
  slaWritten: number;
  timersCreated: number;
  failed: number;
  counters?: CounterRebuild;
}

export interface BackfillOptions {
  /** The SLA engine's instant; default `slaClock.now()` at each ticket. */
  now?: () => string;
  /** Tickets per page (default 25). */
  pageSize?: number;
  /** Waits until the stream has applied earlier changes (default: 5 s). */
  settle?: () => Promise<void>;
  /** Asked between pages: true = return a cursor now (Lambda time budget). */
  shouldStop?: () => boolean;
  /** Counter rebuild attempts when the desk is busy (default 3). */
  counterAttempts?: number;
  /** Called after every page. */
  onProgress?: (report: BackfillReport) => void;
}

const encode = (s: RunState) => Buffer.from(JSON.stringify(s)).toString('base64url');
function decode(cursor: string | null | undefined): RunState {
  if (!cursor) return { phase: 'tickets', key: null, done: 0, sla: 0, timers: 0, failed: 0 };
  const s = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as RunState;
  if (s.phase !== 'tickets' && s.phase !== 'counters') throw new Error('not a backfill cursor');
  return s;
}

async function ticketEstimate(): Promise<number> {
  const { data } = await Counter.get({ scope: 'entities', name: 'ticket' }).go();
  return Math.max(0, data?.value ?? 0);
}

/** Runs (or continues, from `cursor`) the backfill until it is done or `shouldStop` says so. */
export async function runBackfill(cursor: string | null | undefined, options: BackfillOptions = {}): Promise<BackfillReport> {
  const state = decode(cursor);
  const total = await ticketEstimate();
  const settle = options.settle ?? (() => sleep(5_000).then(() => undefined));
  const report = (extra: Partial<BackfillReport> = {}): BackfillReport => ({
    done: false, cursor: encode(state), phase: state.phase, ticketsDone: state.done, ticketsTotal: Math.max(total, state.done),
    slaWritten: state.sla, timersCreated: state.timers, failed: state.failed, ...extra,
  });
  while (state.phase === 'tickets') {
    if (options.shouldStop?.()) return report();
    const page = await Ticket.query.byAll({ directory: 'tickets' }).go({ cursor: state.key, pages: 1, limit: options.pageSize ?? 25 });
    for (const ticket of page.data) {
      try {
        const outcome = await backfillTicket(ticket, options.now?.() ?? slaClock.now());
        state.sla += outcome.sla ? 1 : 0;
        state.timers += outcome.timers;
      } catch (err) {
        state.failed += 1;
        logger.error('ticket backfill failed; a re-run retries it', { ticketId: ticket.ticketId, error: (err as Error).message });
      }
      state.done += 1;
    }
    state.key = page.cursor;
    if (!state.key) state.phase = 'counters';
    options.onProgress?.(report());
  }
  for (let attempt = 1; attempt <= (options.counterAttempts ?? 3); attempt++) {
    if (options.shouldStop?.()) return report();
    const counters = await rebuildQueueCounters(settle);
    if (counters.status === 'rebuilt') return report({ done: true, cursor: null, counters });
    if (attempt === (options.counterAttempts ?? 3)) return report({ counters });
  }
  return report();
}

/**
 * Cheap check for `npm start`: one page of the oldest tickets (those written before the SLA
 * engine come first) lacking their SLA state or a timer, or a negative queue counter (tickets older
 * than the counters).
 */
export async function backfillNeeded(): Promise<boolean> {
  const { data } = await Ticket.query.byAll({ directory: 'tickets' }).go({ pages: 1, limit: 50 });
  for (const ticket of data) {
    if (slaMissing(ticket, !!(await policyFor(ticket)).policy)) return true;
    if ((await missingTimers(ticket)).length) return true;
  }
  const { values } = await queueCounters();
  return [...values.values()].some((v) => v < 0);
}
