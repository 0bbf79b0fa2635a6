import { addBusinessMinutes, businessMinutesBetween, floorMinute } from './business-time.js';
import {
  slaDuePartition, slaTargets,
  type CalendarShape, type PolicyShape, type SlaTargetName, type TargetClock, type TicketSla,
} from './types.js';

/**
 * The SLA clock engine (issue 7). Pure: given a ticket (after a change), its policy and calendar
 * and `now`, it advances the clocks stored on the ticket and recomputes due times.
 *
 * Rules. Each stored clock's state (running / breached count, paused does not) holds for the
 * time since `countedTo`, so clocks first advance to `now` under their stored state, then take the
 * state the ticket's status gives them. firstResponse runs from creation to the first staff public
 * reply; nextResponse opens a cycle at a customer message after the last answer and is met by the
 * next staff reply; resolution runs from creation until resolved or closed, and a reopen resumes
 * it with consumed minutes kept. Resolving or closing also meets the response clocks still open.
 * Only the sweep marks breaches (`markChecks`): the engine keeps a crossed due time pending in
 * `nextCheckAt` until it does, even for a clock met late. Instants are kept to the minute.
 */

export interface SlaTicketInput {
  ticketId: string;
  status: string;
  createdAt: string;
  firstResponseAt?: string | undefined;
  lastCustomerMessageAt?: string | undefined;
  lastAgentMessageAt?: string | undefined;
  resolvedAt?: string | undefined;
  closedAt?: string | undefined;
  sla?: TicketSla | undefined;
}

export interface SlaInput {
  ticket: SlaTicketInput;
  policy: PolicyShape | undefined;
  calendar: CalendarShape | undefined;
  now: string;
}

export interface SlaResult {
  /** Absent: no policy applies (remove `sla`). */
  sla?: TicketSla;
  /** Absent: nothing pending (remove `duepk`/`duesk`). */
  duepk?: string;
  duesk?: string;
}

const doneStatuses = ['resolved', 'closed'];

const iso = (ms: number) => new Date(ms).toISOString();
const minute = (value: string) => floorMinute(Date.parse(value));
const minuteIso = (value: string) => iso(minute(value));

/** A 24/7 calendar, used when the policy's calendar is missing. */
function alwaysCalendar(calendarId: string): CalendarShape {
  return { calendarId, name: '24/7', timezone: 'UTC', mode: 'always', week: [], holidays: [] };
}

/** Whether the clock counts business minutes while in its stored state. */
const counting = (c: TargetClock) => c.state === 'running' || c.state === 'breached';

/** Advances a clock to `to` (no earlier than `countedTo`) under its stored state. */
function advance(c: TargetClock, to: string, cal: CalendarShape): TargetClock {
  if (c.state === 'met' || minute(to) <= minute(c.countedTo)) return c;
  const minutes = businessMinutesBetween(cal, c.countedTo, to);
  return counting(c)
    ? { ...c, consumedMinutes: c.consumedMinutes + minutes, countedTo: minuteIso(to) }
    : { ...c, pausedMinutes: c.pausedMinutes + minutes, countedTo: minuteIso(to) };
}

/** A clock started at `startedAt`, never later than `now` (the local twin's SLA clock may run behind the record times). */
function startClock(targetMinutes: number, startedAt: string, now: string): TargetClock {
  const at = iso(Math.min(minute(startedAt), minute(now)));
  return { targetMinutes, startedAt: at, consumedMinutes: 0, countedTo: at, pausedMinutes: 0, state: 'running' };
}

/** Clamps an event time into [countedTo, now]. */
function clampEvent(c: TargetClock, at: string, now: string): string {
  const t = Math.min(Math.max(minute(at), minute(c.countedTo)), minute(now));
  return iso(t);
}

/**
 * Advances `c` to now (or to its stop event) and sets its new state and due/warn times.
 * `stopAt` meets the clock; `paused` is whether the ticket's status now pauses it.
 */
function step(c: TargetClock, o: { stopAt?: string | undefined; paused: boolean; now: string; cal: CalendarShape; warningPercent: number }): TargetClock {
  if (c.state === 'met') return c;
  if (o.stopAt) {
    const metAt = clampEvent(c, o.stopAt, o.now);
    const met = advance(c, metAt, o.cal);
    return withTimes({ ...met, state: 'met', metAt, elapsedMinutes: met.consumedMinutes }, o.cal, o.warningPercent);
  }
  const moved = advance(c, o.now, o.cal);
  const state: TargetClock['state'] = o.paused ? 'paused' : moved.breachedAt ? 'breached' : 'running';
  return withTimes({ ...moved, state }, o.cal, o.warningPercent);
}

/**
 * Due and warning instants from the consumed minutes at `countedTo` (or at `metAt`): ahead while
 * running (or met), behind once crossed (kept even while paused), none while paused and not yet
 * crossed. A met clock keeps its due time (met in time when metAt <= dueAt), not its warning.
 */
function withTimes(c: TargetClock, cal: CalendarShape, warningPercent: number): TargetClock {
  const { dueAt: _d, warnAt: _w, ...rest } = c;
  const at = c.state === 'met' ? c.metAt! : c.countedTo;
  const running = c.state !== 'paused';
  const instant = (limit: number) => {
    const left = limit - c.consumedMinutes;
    return left <= 0 || running ? addBusinessMinutes(cal, at, left) : undefined;
  };
  const dueAt = instant(c.targetMinutes);
  const percent = Number.isFinite(warningPercent) ? Math.min(100, Math.max(0, warningPercent)) : 80;
  const warnLimit = Math.round((c.targetMinutes * percent) / 100);
  const warnAt = c.state === 'met' ? undefined : instant(warnLimit);
  return { ...rest, ...(dueAt ? { dueAt } : {}), ...(warnAt ? { warnAt } : {}) };
}

/** Applies the (possibly new) policy's target to a clock still open; met clocks keep theirs. */
function retarget(c: TargetClock, targetMinutes: number): TargetClock {
  return c.state === 'met' || c.targetMinutes === targetMinutes ? c : { ...c, targetMinutes };
}

function latest(...values: Array<string | undefined>): number | undefined {
  const ms = values.filter((v): v is string => !!v).map(minute);
  return ms.length ? Math.max(...ms) : undefined;
}

/** Recomputes a ticket's SLA at `now` (see the module comment). */
export function computeSla(input: SlaInput): SlaResult {
  const { ticket, policy } = input;
  if (!policy) return {};
  const now = minuteIso(input.now);
  const cal = input.calendar ?? alwaysCalendar(policy.calendarId);
  const prev = ticket.sla?.clocks ?? {};
  const done = doneStatuses.includes(ticket.status);
  const doneAt = done ? ((ticket.status === 'closed' ? ticket.closedAt ?? ticket.resolvedAt : ticket.resolvedAt ?? ticket.closedAt) ?? now) : undefined;
  const paused = policy.pauseStatuses.includes(ticket.status);
  const base = { paused, now, cal, warningPercent: policy.warningPercent };
  const clocks: Partial<Record<SlaTargetName, TargetClock>> = {};
  let cycle = ticket.sla?.nextResponseCycle ?? 0;

  const first = policy.targets.firstResponse;
  if (first !== undefined) {
    const c = retarget(prev.firstResponse ?? startClock(first, ticket.createdAt, now), first);
    clocks.firstResponse = step(c, { ...base, stopAt: ticket.firstResponseAt ?? doneAt });
  }

  const resolution = policy.targets.resolution;
  if (resolution !== undefined) {
    let c = retarget(prev.resolution ?? startClock(resolution, ticket.createdAt, now), resolution);
    if (c.state === 'met' && !done) {
      // Reopened: resume from now, consumed minutes kept.
      const { metAt: _m, elapsedMinutes: _e, ...open } = c;
      c = { ...open, state: c.breachedAt ? 'breached' : 'running', countedTo: now };
    }
    clocks.resolution = step(c, { ...base, stopAt: doneAt });
  }

  const next = policy.targets.nextResponse;
  if (next !== undefined) {
    let c = prev.nextResponse ? retarget(prev.nextResponse, next) : undefined;
    if (c && c.state !== 'met') {
      const replied = ticket.lastAgentMessageAt && minute(ticket.lastAgentMessageAt) > minute(c.startedAt) ? ticket.lastAgentMessageAt : undefined;
      c = step(c, { ...base, stopAt: replied ?? doneAt });
    }
    // A customer message after the last answer opens a new cycle.
    const answered = latest(ticket.lastAgentMessageAt, ticket.firstResponseAt, clocks.firstResponse?.metAt, c?.metAt);
    const asked = ticket.lastCustomerMessageAt ? minute(ticket.lastCustomerMessageAt) : undefined;
    if (!done && asked !== undefined && answered !== undefined && asked > answered && (!c || c.state === 'met')) {
      cycle += 1;
      c = step(startClock(next, ticket.lastCustomerMessageAt!, now), base);
    }
    if (c) clocks.nextResponse = c;
  }

  const sla: TicketSla = { policyId: policy.policyId, calendarId: cal.calendarId, nextResponseCycle: cycle, clocks };
  return withKeys(withNextCheck(sla), ticket.ticketId);
}

/** Whether a clock's due time has been crossed without the sweep having marked it. */
function breachPending(c: TargetClock, now?: string): boolean {
  if (c.breachedAt || !c.dueAt) return false;
  if (c.state === 'met') return minute(c.metAt!) > minute(c.dueAt);
  return now === undefined || minute(c.dueAt) <= minute(now);
}

/** `nextCheckAt` = earliest due time not yet marked, or pending warning (running, not warned, not crossed due). */
function withNextCheck(sla: TicketSla): TicketSla {
  const { nextCheckAt: _n, ...rest } = sla;
  const candidates: number[] = [];
  for (const c of Object.values(sla.clocks)) {
    if (!c || c.breachedAt) continue;
    if (c.state === 'met') {
      if (breachPending(c)) candidates.push(minute(c.dueAt!));
      continue;
    }
    if (c.dueAt) candidates.push(minute(c.dueAt));
    const crossed = c.consumedMinutes >= c.targetMinutes;
    if (c.state === 'running' && !c.warnedAt && c.warnAt && !crossed) candidates.push(minute(c.warnAt));
  }
  return candidates.length ? { ...rest, nextCheckAt: iso(Math.min(...candidates)) } : rest;
}

/** The ticket's keys in the sparse `due` index, or none when nothing is pending. */
export function dueKeys(sla: TicketSla | undefined, ticketId: string): { duepk?: string; duesk?: string } {
  return sla?.nextCheckAt ? { duepk: slaDuePartition, duesk: `${sla.nextCheckAt}#${ticketId}` } : {};
}

function withKeys(sla: TicketSla, ticketId: string): SlaResult {
  return { sla, ...dueKeys(sla, ticketId) };
}

export interface SlaCheck {
  target: SlaTargetName;
  kind: 'warn' | 'breach';
  /** nextResponse: the cycle number; the other targets: always 1. */
  cycle: number;
  /** The crossed instant (warnAt or dueAt). */
  at: string;
  /** Breach: business minutes late (consumed beyond the target). */
  lateMinutes?: number;
  /** Breach of a clock already met (late): record it, no escalation needed. */
  met?: boolean;
}

/**
 * Which clocks crossed their warning or due time at `now`, and the SLA with them marked
 * (`warnedAt`, `breachedAt`, an open clock turned `breached`) and `nextCheckAt` recomputed. Call it
 * on an SLA just computed at `now` (countedTo = now) so `lateMinutes` is exact. A clock crossing
 * both at once reports the breach only. Marked clocks never report again.
 */
export function markChecks(sla: TicketSla, nowIso: string): { sla: TicketSla; checks: SlaCheck[] } {
  const now = minuteIso(nowIso);
  const checks: SlaCheck[] = [];
  const clocks: Partial<Record<SlaTargetName, TargetClock>> = { ...sla.clocks };
  for (const target of slaTargets) {
    const c = clocks[target];
    if (!c || c.breachedAt) continue;
    const cycle = target === 'nextResponse' ? sla.nextResponseCycle : 1;
    if (breachPending(c, now)) {
      const used = c.state === 'met' ? c.elapsedMinutes ?? c.consumedMinutes : c.consumedMinutes;
      const met = c.state === 'met';
      checks.push({ target, kind: 'breach', cycle, at: c.dueAt!, lateMinutes: Math.max(0, used - c.targetMinutes), ...(met ? { met } : {}) });
      clocks[target] = { ...c, breachedAt: now, state: c.state === 'running' ? 'breached' : c.state };
    } else if (c.state === 'running' && !c.warnedAt && c.warnAt && minute(c.warnAt) <= minute(now)) {
      checks.push({ target, kind: 'warn', cycle, at: c.warnAt });
      clocks[target] = { ...c, warnedAt: now };
    }
  }
  return { sla: withNextCheck({ ...sla, clocks }), checks };
}

/** Whether a met clock was met by its due time (metrics). */
export function metWithinTarget(c: TargetClock): boolean {
  return c.state === 'met' && !c.breachedAt && (!c.dueAt || minute(c.metAt!) <= minute(c.dueAt));
}

/** Whether the ticket has a breached clock still owed (the overdue queue). */
export function hasOpenBreach(sla: TicketSla | undefined): boolean {
  return Object.values(sla?.clocks ?? {}).some((c) => !!c?.breachedAt && c.state !== 'met');
}

export interface TargetView {
  target: SlaTargetName;
  state: TargetClock['state'];
  targetMinutes: number;
  dueAt?: string;
  /** Business minutes left at `now`; negative when late. */
  remainingMinutes: number;
  /** Business minutes spent paused up to `now`. */
  pausedMinutes: number;
  warnedAt?: string;
  breachedAt?: string;
  metAt?: string;
}

/** Each target's standing at `now`, for display (the stored SLA extrapolated to `now`). */
export function slaView(sla: TicketSla | undefined, calendar: CalendarShape | undefined, nowIso: string): TargetView[] {
  if (!sla) return [];
  const cal = calendar ?? alwaysCalendar(sla.calendarId);
  const views: TargetView[] = [];
  for (const target of slaTargets) {
    const stored = sla.clocks[target];
    if (!stored) continue;
    const c = advance(stored, nowIso, cal);
    const used = c.state === 'met' ? c.elapsedMinutes ?? c.consumedMinutes : c.consumedMinutes;
    views.push({
      target,
      state: c.state,
      targetMinutes: c.targetMinutes,
      remainingMinutes: c.targetMinutes - used,
      pausedMinutes: c.pausedMinutes,
      ...(c.dueAt ? { dueAt: c.dueAt } : {}),
      ...(c.warnedAt ? { warnedAt: c.warnedAt } : {}),
      ...(c.breachedAt ? { breachedAt: c.breachedAt } : {}),
      ...(c.metAt ? { metAt: c.metAt } : {}),
    });
  }
  return views;
}
