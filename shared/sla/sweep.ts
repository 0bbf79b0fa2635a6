import { dueItems } from '../db/due.js';
import { SlaBreach } from '../db/entities/sla-breach.js';
import { Ticket, type TicketItem } from '../db/entities/ticket.js';
import { logger } from '../observability.js';
import { autoAssign, loadDeltaItems } from '../tickets/assignment.js';
import { TicketConflictError, writeTicketChange, type TicketEventInput, type TransactItem } from '../tickets/store.js';
import { markChecks, computeSla, type SlaCheck, type SlaTicketInput } from './engine.js';
import { groupLead, managers, planEscalation, sendAbout, slaActorId, staffRecipient, staffUser, type Mail } from './escalation.js';
import { slaDuePartition, type PolicyShape, type TicketSla } from './types.js';
import { policyFor } from './wiring.js';

const pageSize = 25;
const attempts = 3;

/** Tickets whose next SLA check is due at `now`, from the sparse `due` index only (pages of 25). */
async function* dueTickets(now: string): AsyncGenerator<TicketItem> {
  // The index projects whole tickets: no second read (the write is conditioned on the version read).
  for await (const items of dueItems(slaDuePartition, now, pageSize)) yield* Ticket.parse({ Items: items }).data;
}

const targetLabel: Record<string, string> = { firstResponse: 'first response', nextResponse: 'next response', resolution: 'resolution' };

/** The breach record of one crossed due time: created only if absent (a retried sweep writes nothing). */
function breachPut(ticket: TicketItem, policy: PolicyShape, check: SlaCheck, now: string): TransactItem {
  const { Item, TableName } = SlaBreach.create({
    ticketId: ticket.ticketId,
    target: check.target,
    cycle: check.cycle,
    policyId: policy.policyId,
    dueAt: check.at,
    breachedAt: now,
    lateMinutes: check.lateMinutes ?? 0,
    priority: ticket.priority,
    groupId: ticket.groupId,
    ...(ticket.assigneeId ? { assigneeId: ticket.assigneeId } : {}),
    categoryId: ticket.categoryId,
    customerId: ticket.customerId,
    day: now.slice(0, 10),
  }).params<{ Item: Record<string, unknown>; TableName: string }>();
  return { Put: { TableName, Item, ConditionExpression: 'attribute_not_exists(pk)' } };
}

const lostToOtherRun = (err: unknown) =>
  !!(err as { CancellationReasons?: { Code?: string }[] }).CancellationReasons?.some((r, i) => i > 0 && r.Code === 'ConditionalCheckFailed');

type Handled = { warned: number; breached: number; escalated: boolean; notified: number } | 'nothing' | 'lost';

/**
 * One due ticket at `now`: recompute, mark crossed warnings/breaches, and write the marks, the
 * breach records and the escalation in ONE transaction conditioned on the version read. A version
 * conflict retries on the fresh ticket; a breach record already there means another run did it.
 * Mails go after the write, with dedupe keys.
 */
export async function checkTicket(first: TicketItem, now: string): Promise<Handled> {
  let ticket: TicketItem | null = first;
  for (let attempt = 1; ticket && attempt <= attempts; attempt++) {
    const { policy, calendar } = await policyFor(ticket);
    const computed = computeSla({ ticket: ticket as SlaTicketInput, policy, calendar, now });
    if (!policy || !computed.sla) {
      // No policy any more: one plain change drops the SLA state and the due keys.
      if (ticket.duepk) await rewrite(ticket, now).catch(swallowConflict);
      return 'nothing';
    }
    const { sla, checks } = markChecks(computed.sla, now);
    if (!checks.length) {
      if (`${sla.nextCheckAt ?? ''}` !== `${(ticket.sla as TicketSla | undefined)?.nextCheckAt ?? ''}`) await rewrite(ticket, now).catch(swallowConflict);
      return 'nothing';
    }
    const breaches = checks.filter((c) => c.kind === 'breach');
    const escalate = breaches.some((c) => !c.met);
    const plan = escalate ? await planEscalation(ticket, policy.escalation, breaches[0]!.target) : undefined;
    const events: TicketEventInput[] = [
      ...checks.map((c) => ({
        kind: c.kind === 'breach' ? 'sla_breach' : 'sla_warning',
        to: c.target,
        actorId: slaActorId,
        details: { cycle: c.cycle, at: c.at, ...(c.lateMinutes !== undefined ? { lateMinutes: c.lateMinutes } : {}) },
      })),
      ...(plan?.events ?? []),
    ];
    const after: TicketItem = { ...ticket, ...plan?.set };
    if (plan?.remove.length) delete after.assigneeId;
    try {
      const written = await writeTicketChange({
        ticket,
        set: { sla, ...plan?.set },
        remove: plan?.remove ?? [],
        events,
        also: [...breaches.map((c) => breachPut(ticket!, policy, c, now)), ...loadDeltaItems(ticket, after)],
        slaNow: now,
      });
      const assigned = plan?.autoAssign ? await autoAssign(written, slaActorId).catch(() => written) : written;
      const notified = await notify(ticket, assigned, checks, !!plan?.notifyManagers);
      return { warned: checks.length - breaches.length, breached: breaches.length, escalated: !!plan && (Object.keys(plan.set).length > 0 || plan.remove.length > 0), notified };
    } catch (err) {
      if (lostToOtherRun(err)) return 'lost';
      if (!(err instanceof TicketConflictError)) throw err;
      ticket = (await Ticket.get({ ticketId: ticket.ticketId }).go()).data;
    }
  }
  return 'lost';
}

/** A change with nothing but the recomputed SLA (stale due keys after a configuration change). */
const rewrite = (ticket: TicketItem, now: string) => writeTicketChange({ ticket, set: {}, events: [], slaNow: now });

function swallowConflict(err: unknown): void {
  if (!(err instanceof TicketConflictError)) throw err;
}

/**
 * Warnings go to the assignee (else the group lead); breaches to the assignee at the breach, the
 * group lead (of the group it is in after escalation) and, when the policy says so, the managers.
 */
async function notify(before: TicketItem, after: TicketItem, checks: SlaCheck[], notifyManagers: boolean): Promise<number> {
  const [assignee, lead, newAssignee] = await Promise.all([staffUser(before.assigneeId), groupLead(after.groupId), staffUser(after.assigneeId)]);
  const bosses = notifyManagers && checks.some((c) => c.kind === 'breach') ? await managers() : [];
  const mails: Mail[] = [];
  for (const c of checks) {
    const people = c.kind === 'warn' ? [assignee ?? lead] : [assignee, newAssignee, lead, ...bosses];
    const seen = new Set<string>();
    for (const u of people) {
      if (!u || seen.has(u.userId)) continue;
      seen.add(u.userId);
      mails.push({
        to: staffRecipient(u),
        template: c.kind === 'warn' ? 'sla_warning' : 'sla_breach',
        variables: { due_at: dueText(c.kind === 'warn' ? ((before.sla as TicketSla | undefined)?.clocks[c.target]?.dueAt ?? c.at) : c.at), sla_target: targetLabel[c.target]! },
        dedupeKey: `sla#${before.ticketId}#${c.target}#${c.cycle}#${c.kind}#${u.userId}`,
      });
    }
  }
  const outcomes = await sendAbout(after, mails);
  return outcomes.filter((o) => o === 'sent').length;
}

const dueText = (iso: string) => `${iso.slice(0, 16).replace('T', ' ')} UTC`;

export interface SlaSweep {
  checked: number;
  warned: number;
  breached: number;
  escalated: number;
  notified: number;
  skipped: number;
}

/** The `sla` schedule: every due ticket once; a repeated or concurrent run finds nothing more to do. */
export async function sweepSla(now: Date): Promise<SlaSweep> {
  const at = now.toISOString();
  const counts: SlaSweep = { checked: 0, warned: 0, breached: 0, escalated: 0, notified: 0, skipped: 0 };
  for await (const ticket of dueTickets(at)) {
    counts.checked += 1;
    try {
      const handled = await checkTicket(ticket, at);
      if (typeof handled === 'string') {
        if (handled === 'lost') counts.skipped += 1;
        continue;
      }
      counts.warned += handled.warned;
      counts.breached += handled.breached;
      counts.notified += handled.notified;
      if (handled.escalated) counts.escalated += 1;
    } catch (err) {
      counts.skipped += 1;
      logger.error('SLA check failed', { ticketId: ticket.ticketId, error: (err as Error).message });
    }
  }
  return counts;
}
