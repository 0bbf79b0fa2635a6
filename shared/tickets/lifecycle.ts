import type { TicketStatus } from '../db/entities/ticket.js';

export const ticketStatuses = [
  'open', 'in_progress', 'answered', 'waiting_on_customer', 'on_hold', 'waiting_qc', 'qc_pass', 'qc_fail', 'resolved', 'closed',
] as const satisfies readonly TicketStatus[];

/** Statuses a ticket is still being worked in (queues, agent load). */
export const activeStatuses: readonly TicketStatus[] = ['open', 'in_progress', 'answered', 'waiting_on_customer', 'on_hold', 'waiting_qc', 'qc_pass', 'qc_fail'];

/**
 * Every move staff may make by hand (the server refuses anything else with
 * `invalid_status_transition`). Resolving a ticket that requires QC is only possible from
 * `qc_pass`; `waiting_qc` only when it requires QC; QC outcomes only by holders of `tickets:qc`.
 * Customer replies move tickets by `afterCustomerReply`, not by this table.
 */
export const transitions: Readonly<Record<TicketStatus, readonly TicketStatus[]>> = {
  open: ['in_progress', 'waiting_on_customer', 'on_hold', 'resolved', 'closed'],
  in_progress: ['answered', 'waiting_on_customer', 'on_hold', 'waiting_qc', 'resolved'],
  answered: ['in_progress', 'waiting_on_customer', 'on_hold', 'resolved'],
  waiting_on_customer: ['in_progress', 'on_hold', 'resolved'],
  on_hold: ['in_progress', 'waiting_on_customer', 'resolved'],
  waiting_qc: ['qc_pass', 'qc_fail'],
  qc_pass: ['resolved'],
  qc_fail: ['in_progress'],
  resolved: ['closed', 'open'],
  closed: [],
};

export type MoveRefusal = 'not_in_table' | 'qc_required' | 'qc_not_required' | 'qc_permission' | 'reason_required';

/**
 * Whether staff may move a ticket from its status to `to`. `qc_fail` needs a reason (returned as
 * `reason_required` when missing), QC outcomes need `tickets:qc`.
 */
export function checkMove(
  ticket: { status: TicketStatus; qcRequired: boolean },
  to: TicketStatus,
  context: { canQc: boolean; reason?: string | undefined },
): { ok: true } | { ok: false; refusal: MoveRefusal } {
  if (!transitions[ticket.status].includes(to)) return { ok: false, refusal: 'not_in_table' };
  if (to === 'resolved' && ticket.qcRequired && ticket.status !== 'qc_pass') return { ok: false, refusal: 'qc_required' };
  if (to === 'waiting_qc' && !ticket.qcRequired) return { ok: false, refusal: 'qc_not_required' };
  if ((to === 'qc_pass' || to === 'qc_fail') && !context.canQc) return { ok: false, refusal: 'qc_permission' };
  if (to === 'qc_fail' && !context.reason?.trim()) return { ok: false, refusal: 'reason_required' };
  return { ok: true };
}

/** Days after closing during which a customer's reply reopens the ticket instead of opening a follow-up. */
export const reopenWindowDays = 14;

/**
 * What a customer's reply does: an active ticket waiting on them goes back to `open` (others keep
 * their status); a resolved one reopens; a closed one reopens within the window, otherwise the
 * reply becomes a new ticket linked to it (`follow_up`).
 */
export function afterCustomerReply(
  ticket: { status: TicketStatus; closedAt?: string | undefined },
  now: Date,
  windowDays = reopenWindowDays,
): { kind: 'status'; status: TicketStatus } | { kind: 'follow_up' } {
  if (ticket.status === 'closed') {
    const closed = ticket.closedAt ? Date.parse(ticket.closedAt) : 0;
    return now.getTime() - closed > windowDays * 86_400_000 ? { kind: 'follow_up' } : { kind: 'status', status: 'open' };
  }
  if (ticket.status === 'resolved' || ticket.status === 'waiting_on_customer' || ticket.status === 'answered') return { kind: 'status', status: 'open' };
  return { kind: 'status', status: ticket.status };
}
