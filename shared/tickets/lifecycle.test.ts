import { describe, expect, it } from 'vitest';
import { afterCustomerReply, checkMove, ticketStatuses, transitions } from './lifecycle.js';

/** The table the issue specifies, written out independently of lifecycle.ts. */
const expected: Record<string, string[]> = {
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

const everyPair = ticketStatuses.flatMap((from) => ticketStatuses.map((to) => [from, to] as const));

describe('ticket transition table', () => {
  it('lists exactly the moves of the issue', () => {
    // Assess
    expect(Object.fromEntries(Object.entries(transitions).map(([k, v]) => [k, [...v]]))).toEqual(expected);
  });

  it.each(everyPair)('%s → %s: allowed only when in the table (QC ticket, QC checker, with reason)', (from, to) => {
    // Act
    const result = checkMove({ status: from, qcRequired: true }, to, { canQc: true, reason: 'checked' });

    // Assess
    const inTable = expected[from]!.includes(to);
    const qcGate = to === 'resolved' && from !== 'qc_pass';
    expect(result.ok).toBe(inTable && !qcGate);
    if (!inTable) expect(result).toEqual({ ok: false, refusal: 'not_in_table' });
    else if (qcGate) expect(result).toEqual({ ok: false, refusal: 'qc_required' });
  });

  it.each(everyPair)('%s → %s: allowed only when in the table (ticket without QC)', (from, to) => {
    // Act
    const result = checkMove({ status: from, qcRequired: false }, to, { canQc: false });

    // Assess
    const inTable = expected[from]!.includes(to);
    const refusal = !inTable
      ? 'not_in_table'
      : to === 'waiting_qc'
        ? 'qc_not_required'
        : to === 'qc_pass' || to === 'qc_fail'
          ? 'qc_permission'
          : undefined;
    expect(result).toEqual(refusal ? { ok: false, refusal } : { ok: true });
  });

  it('refuses QC outcomes to users without tickets:qc', () => {
    // Act
    const pass = checkMove({ status: 'waiting_qc', qcRequired: true }, 'qc_pass', { canQc: false });
    const fail = checkMove({ status: 'waiting_qc', qcRequired: true }, 'qc_fail', { canQc: false, reason: 'no' });

    // Assess
    expect(pass).toEqual({ ok: false, refusal: 'qc_permission' });
    expect(fail).toEqual({ ok: false, refusal: 'qc_permission' });
  });

  it('needs a reason for a QC failure', () => {
    // Act
    const blank = checkMove({ status: 'waiting_qc', qcRequired: true }, 'qc_fail', { canQc: true, reason: '  ' });
    const given = checkMove({ status: 'waiting_qc', qcRequired: true }, 'qc_fail', { canQc: true, reason: 'Cable not tested' });

    // Assess
    expect(blank).toEqual({ ok: false, refusal: 'reason_required' });
    expect(given).toEqual({ ok: true });
  });

  it('resolves a QC ticket only from qc_pass', () => {
    // Act
    const direct = checkMove({ status: 'in_progress', qcRequired: true }, 'resolved', { canQc: true });
    const afterPass = checkMove({ status: 'qc_pass', qcRequired: true }, 'resolved', { canQc: false });

    // Assess
    expect(direct).toEqual({ ok: false, refusal: 'qc_required' });
    expect(afterPass).toEqual({ ok: true });
  });
});

describe('afterCustomerReply', () => {
  const now = new Date('2026-11-20T12:00:00.000Z');

  it('reopens a resolved ticket and one closed within the window', () => {
    // Act
    const resolved = afterCustomerReply({ status: 'resolved' }, now);
    const recent = afterCustomerReply({ status: 'closed', closedAt: '2026-11-10T12:00:00.000Z' }, now);

    // Assess
    expect(resolved).toEqual({ kind: 'status', status: 'open' });
    expect(recent).toEqual({ kind: 'status', status: 'open' });
  });

  it('opens a follow-up for a ticket closed longer ago than the window', () => {
    // Act
    const old = afterCustomerReply({ status: 'closed', closedAt: '2026-10-01T12:00:00.000Z' }, now);

    // Assess
    expect(old).toEqual({ kind: 'follow_up' });
  });

  it('keeps the status of a ticket being worked', () => {
    // Act
    const onHold = afterCustomerReply({ status: 'on_hold' }, now);

    // Assess
    expect(onHold).toEqual({ kind: 'status', status: 'on_hold' });
  });
});
