import { Customer } from '../db/entities/customer.js';
import type { TicketItem } from '../db/entities/ticket.js';
import { logger } from '../observability.js';
import type { TransactItem } from '../tickets/store.js';
import { automationTimerItems } from './automation-timers.js';
import { calendarFor, categoryPath, loadSlaConfig, matchPolicy } from './config.js';
import { computeSla, type SlaResult, type SlaTicketInput } from './engine.js';
import { overdueItems } from './overdue.js';
import type { CalendarShape, PolicyShape, TicketSla } from './types.js';

/**
 * The SLA engine in the ticket write path: every ticket change (writeTicketChange, createTicket)
 * adds what this returns to its own transaction, so due times, the `due` index keys, automation
 * timers and the overdue marker never drift from the ticket.
 */

/** The environment variable the local twin's `--sla-clock` sets: the SLA clock's lead on the wall clock, in ms (negative: behind). */
export const slaClockOffsetVar = 'SLA_CLOCK_OFFSET_MS';

/** The SLA clock's offset from the wall clock: 0 unless the local twin set one (never in AWS). */
export function slaClockOffsetMs(): number {
  const offset = Number(process.env[slaClockOffsetVar] ?? 0);
  return Number.isFinite(offset) ? Math.trunc(offset) : 0;
}

/**
 * The time the engine takes as "now" for a change: the wall clock, shifted by the local twin's
 * `--sla-clock` offset (a demo placed on a past Friday evening that then runs in real time), or
 * replaced by tests that place a ticket at a chosen instant and move it forward in steps.
 */
export const slaClock = { now: (): string => new Date(Date.now() + slaClockOffsetMs()).toISOString() };

export interface SlaChange {
  set: Partial<Pick<TicketItem, 'sla' | 'duepk' | 'duesk'>>;
  remove: ('sla' | 'duepk' | 'duesk')[];
  also: TransactItem[];
}

const groupTtlMs = 60_000;
const groups = new Map<string, { at: number; groupId: string | undefined }>();

/** The customer's group for policy matching, cached a minute like the policies. */
async function customerGroupOf(customerId: string): Promise<string | undefined> {
  const hit = groups.get(customerId);
  if (hit && Date.now() - hit.at < groupTtlMs) return hit.groupId;
  const { data } = await Customer.get({ customerId }).go({ attributes: ['groupId'] });
  const groupId = data?.groupId && data.groupId !== 'none' ? data.groupId : undefined;
  if (groups.size > 5000) groups.clear();
  groups.set(customerId, { at: Date.now(), groupId });
  return groupId;
}

/** The ticket's policy (most specific active match) and its calendar, from the cached configuration. */
export async function policyFor(ticket: TicketItem): Promise<{ policy: PolicyShape | undefined; calendar: CalendarShape | undefined }> {
  const [config, customerGroupId] = await Promise.all([loadSlaConfig(), customerGroupOf(ticket.customerId)]);
  const policy = matchPolicy(config.policies, { priority: ticket.priority, categoryPath: categoryPath(config.categories, ticket.categoryId), customerId: ticket.customerId, customerGroupId });
  return { policy, calendar: policy ? calendarFor(policy, config) : undefined };
}

/** The ticket's SLA recomputed at `now` under its matching policy; undefined when the configuration cannot be read. */
async function recompute(after: TicketItem, now: string): Promise<SlaResult | undefined> {
  try {
    const { policy, calendar } = await policyFor(after);
    return computeSla({ ticket: after as SlaTicketInput, policy, calendar, now });
  } catch (err) {
    // Never block a ticket change: its SLA stays as it was until the next change or sweep.
    logger.error('SLA recompute failed; the ticket keeps its SLA state', { ticketId: after.ticketId, error: (err as Error).message });
    return undefined;
  }
}

/**
 * What a change from `before` (undefined: creation) to `after` adds to its transaction: the SLA
 * state and `due` keys (removed when nothing is pending), the automation timers of the status
 * entered or left, and the overdue marker.
 */
export async function slaChangeFor(before: TicketItem | undefined, after: TicketItem, now: string): Promise<SlaChange> {
  const change: SlaChange = { set: {}, remove: [], also: automationTimerItems(before, after, now) };
  const result = await recompute(after, now);
  let sla = after.sla as TicketSla | undefined;
  if (result) {
    sla = result.sla;
    if (result.sla) change.set.sla = result.sla;
    else change.remove.push('sla');
    if (result.duepk && result.duesk) Object.assign(change.set, { duepk: result.duepk, duesk: result.duesk });
    else change.remove.push('duepk', 'duesk');
  }
  change.also.push(...overdueItems(before, { ...after, sla }));
  return change;
}

/**
 * Recomputes one ticket's SLA at `now` as a change of its own (no timeline event): after its
 * policy or calendar changed, or in tests that place a ticket at a chosen instant.
 */
export async function recomputeSla(ticketId: string, now: string): Promise<TicketItem | undefined> {
  const [{ Ticket }, { writeTicketChange }] = await Promise.all([import('../db/entities/ticket.js'), import('../tickets/store.js')]);
  const { data: ticket } = await Ticket.get({ ticketId }).go();
  return ticket ? writeTicketChange({ ticket, set: {}, events: [], slaNow: now }) : undefined;
}
