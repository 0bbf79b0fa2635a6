import { dueItems } from '../db/due.js';
import { Ticket, type TicketItem } from '../db/entities/ticket.js';
import { TicketTimer, type TicketTimerKind } from '../db/entities/ticket-timer.js';
import { User } from '../db/entities/user.js';
import { logger } from '../observability.js';
import { loadDeltaItems } from '../tickets/assignment.js';
import { checkMove } from '../tickets/lifecycle.js';
import { TicketConflictError, writeTicketChange } from '../tickets/store.js';
import { timerPut } from './automation-timers.js';
import { automationActorId, sendAbout, type Mail } from './escalation.js';
import type { SlaSettingsView } from './schemas.js';
import { getSlaSettings } from './settings.js';

/**
 * Ticket automation (issue 7): auto-close resolved tickets, remind customers who were asked
 * something, then resolve. Each rule keeps a `ticketTimer` marker in the `due` index, written and
 * removed in the ticket's own change transaction; its `duesk` is the time the ticket entered the
 * state, so the sweep asks for markers older than the rule's N days (a changed N applies at once).
 */

export type AutomationRules = Pick<SlaSettingsView, 'autoClose' | 'waitingReminder'>;

const pageSize = 25;
const day = 86_400_000;

/** Timers of `kind` whose start is at or before `cutoff`, from the `due` index only, in pages. */
async function* dueTimers(kind: TicketTimerKind, cutoff: string): AsyncGenerator<{ ticketId: string; at: string }> {
  for await (const items of dueItems(kind, cutoff, pageSize)) for (const item of items) yield { ticketId: String(item.ticketId), at: String(item.at) };
}

/** True when a transaction failed on one of the `also` items' conditions (another run did it). */
const lostToOtherRun = (err: unknown) =>
  !!(err as { CancellationReasons?: { Code?: string }[] }).CancellationReasons?.some((r, i) => i > 0 && r.Code === 'ConditionalCheckFailed');

type Outcome = 'done' | 'skipped';

/** Runs `step` on the fresh ticket, retrying once on a version conflict; `skipped` when it no longer applies. */
async function onTicket(ticketId: string, step: (t: TicketItem) => Promise<Outcome>): Promise<Outcome> {
  for (let attempt = 1; attempt <= 2; attempt++) {
    const { data: ticket } = await Ticket.get({ ticketId }).go();
    if (!ticket) return 'skipped';
    try {
      return await step(ticket);
    } catch (err) {
      if (err instanceof TicketConflictError && attempt < 2) continue;
      if (err instanceof TicketConflictError || lostToOtherRun(err)) return 'skipped';
      throw err;
    }
  }
  return 'skipped';
}

async function requester(ticket: TicketItem): Promise<Mail['to']> {
  const { data: user } = ticket.requesterId ? await User.get({ userId: ticket.requesterId }).go() : { data: null };
  return { email: ticket.requesterEmail, name: ticket.requesterName, userId: ticket.requesterId, locale: user?.locale, staff: false };
}

/** resolved → closed (the timer goes in the same transaction); the customer is told how long a reply reopens it. */
function autoClose(rules: AutomationRules, now: string, startedAt: string) {
  return async (ticket: TicketItem): Promise<Outcome> => {
    if (ticket.status !== 'resolved' || (ticket.resolvedAt ?? startedAt) > startedAt) return 'skipped';
    const written = await writeTicketChange({
      ticket,
      set: { status: 'closed', closedAt: now },
      events: [{ kind: 'status', from: 'resolved', to: 'closed', actorId: automationActorId, details: { automation: 'auto-close' } }],
      also: loadDeltaItems(ticket, { ...ticket, status: 'closed' }),
    });
    const to = await requester(written);
    await sendAbout(written, [
      { to, template: 'ticket_auto_closed', variables: { reopen_days: String(rules.autoClose.reopenDays) }, dedupeKey: `auto-close#${ticket.ticketId}#${startedAt}#${to.email.toLowerCase()}` },
    ]);
    return 'done';
  };
}

/** Still waiting: a `reminder` event, the remind timer swapped for the resolve timer (once: conditioned on it), then the mail. */
function remind(rules: AutomationRules, now: string, startedAt: string) {
  return async (ticket: TicketItem): Promise<Outcome> => {
    if (ticket.status !== 'waiting_on_customer') return 'skipped';
    const taken = TicketTimer.delete({ ticketId: ticket.ticketId, kind: 'waiting-remind' })
      .where(({ at }, { eq }) => eq(at, startedAt))
      .params();
    const written = await writeTicketChange({
      ticket,
      set: {},
      events: [{ kind: 'reminder', actorId: automationActorId, details: { automation: 'waiting-remind' } }],
      also: [{ Delete: taken as never }, timerPut(ticket.ticketId, 'waiting-resolve', now)],
    });
    const to = await requester(written);
    await sendAbout(written, [
      { to, template: 'waiting_reminder', variables: { resolve_days: String(rules.waitingReminder.resolveAfterDays) }, dedupeKey: `waiting-remind#${ticket.ticketId}#${startedAt}#${to.email.toLowerCase()}` },
    ]);
    return 'done';
  };
}

/** Still waiting after the reminder: resolved (the status mail goes out from the timeline as usual). */
function autoResolve(now: string) {
  return async (ticket: TicketItem): Promise<Outcome> => {
    if (ticket.status !== 'waiting_on_customer') return 'skipped';
    if (!checkMove(ticket, 'resolved', { canQc: false, reason: 'automation' }).ok) {
      logger.info('auto-resolve skipped: the move needs a QC pass', { ticketId: ticket.ticketId });
      return 'skipped';
    }
    await writeTicketChange({
      ticket,
      set: { status: 'resolved', resolvedAt: now },
      events: [{ kind: 'status', from: ticket.status, to: 'resolved', actorId: automationActorId, details: { automation: 'waiting-resolve' } }],
      also: loadDeltaItems(ticket, { ...ticket, status: 'resolved' }),
    });
    return 'done';
  };
}

export interface AutomationSweep {
  closed: number;
  reminded: number;
  resolved: number;
  skipped: number;
}

/** One run of every enabled rule at `now`: each ticket handled once, a repeat finds nothing left to do. */
export async function sweepAutomation(now: Date): Promise<AutomationSweep> {
  const rules: AutomationRules = await getSlaSettings();
  const at = now.toISOString();
  const ago = (days: number) => new Date(now.getTime() - days * day).toISOString();
  const counts: AutomationSweep = { closed: 0, reminded: 0, resolved: 0, skipped: 0 };
  const run = async (kind: TicketTimerKind, days: number, step: (startedAt: string) => (t: TicketItem) => Promise<Outcome>, counter: keyof AutomationSweep) => {
    for await (const timer of dueTimers(kind, ago(days))) {
      try {
        const outcome = await onTicket(timer.ticketId, step(timer.at));
        counts[outcome === 'done' ? counter : 'skipped'] += 1;
      } catch (err) {
        counts.skipped += 1;
        logger.error('ticket automation step failed', { ticketId: timer.ticketId, kind, error: (err as Error).message });
      }
    }
  };
  if (rules.autoClose.enabled) await run('auto-close', rules.autoClose.afterDays, (s) => autoClose(rules, at, s), 'closed');
  if (rules.waitingReminder.enabled) {
    await run('waiting-remind', rules.waitingReminder.afterDays, (s) => remind(rules, at, s), 'reminded');
    await run('waiting-resolve', rules.waitingReminder.resolveAfterDays, () => autoResolve(at), 'resolved');
  }
  return counts;
}
