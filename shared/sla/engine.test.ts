import { describe, expect, it } from 'vitest';
import { computeSla, hasOpenBreach, markChecks, metWithinTarget, slaView, type SlaTicketInput } from './engine.js';
import type { CalendarShape, PolicyShape, TicketSla, TimeRange } from './types.js';

/** Africa/Algiers local wall time (UTC+1, no DST) → UTC ISO. */
const alg = (local: string) => new Date(`${local}:00+01:00`).toISOString();

const day: TimeRange[] = [{ start: '09:00', end: '18:00' }];
const calendar: CalendarShape = {
  calendarId: 'cal-dz', name: 'Algiers office', timezone: 'Africa/Algiers', mode: 'business',
  week: [day, day, day, day, day, [], []], holidays: [],
};

function policy(targets: PolicyShape['targets'], extra: Partial<PolicyShape> = {}): PolicyShape {
  return {
    policyId: 'p1', name: 'P1', priority: 'urgent', calendarId: 'cal-dz', targets,
    pauseStatuses: ['waiting_on_customer', 'on_hold'], warningPercent: 80,
    escalation: { raisePriority: true, assignToLead: false, notifyManagers: false }, active: true, ...extra,
  };
}

const ticket = (t: Partial<SlaTicketInput>): SlaTicketInput => ({ ticketId: 't1', status: 'open', createdAt: alg('2026-11-16T09:00'), ...t });

/** Recomputes with the previous SLA carried, like every ticket change does. */
function change(prev: TicketSla | undefined, t: Partial<SlaTicketInput>, p: PolicyShape, now: string) {
  return computeSla({ ticket: ticket({ ...t, sla: prev }), policy: p, calendar, now });
}

describe('computeSla', () => {
  it('Fri 17:55 urgent ticket: first response due Mon 09:55 local, keyed in the due index', () => {
    const p = policy({ firstResponse: 60, resolution: 480 });
    const r = change(undefined, { createdAt: alg('2026-11-20T17:55') }, p, alg('2026-11-20T17:55'));
    const fr = r.sla!.clocks.firstResponse!;
    // 5 min Fri + 55 Mon = 09:55; warning at 80 % = 48: 5 + 43 → Mon 09:43.
    expect(fr).toMatchObject({ state: 'running', consumedMinutes: 0, dueAt: alg('2026-11-23T09:55'), warnAt: alg('2026-11-23T09:43') });
    // Resolution 480: 5 + 475 → Mon 16:55; warning 384: 5 + 379 → Mon 15:19.
    expect(r.sla!.clocks.resolution).toMatchObject({ dueAt: alg('2026-11-23T16:55'), warnAt: alg('2026-11-23T15:19') });
    expect(r.sla!.nextCheckAt).toBe(alg('2026-11-23T09:43'));
    expect(r).toMatchObject({ duepk: 'sla', duesk: `${alg('2026-11-23T09:43')}#t1` });
  });

  it('pauses on waiting_on_customer Fri 17:00 and resumes Tue 10:00', () => {
    const p = policy({ firstResponse: 60, nextResponse: 120, resolution: 1080 });
    const s0 = change(undefined, { createdAt: alg('2026-11-20T09:00') }, p, alg('2026-11-20T09:00')).sla;
    // Staff reply at 10:00: first response met after exactly 60 = its due time (in target).
    const replied = { firstResponseAt: alg('2026-11-20T10:00'), lastAgentMessageAt: alg('2026-11-20T10:00') };
    const s1 = change(s0, { status: 'answered', createdAt: alg('2026-11-20T09:00'), ...replied }, p, alg('2026-11-20T10:00')).sla;
    expect(s1!.clocks.firstResponse).toMatchObject({ state: 'met', elapsedMinutes: 60, dueAt: alg('2026-11-20T10:00') });
    expect(metWithinTarget(s1!.clocks.firstResponse!)).toBe(true);

    // Waiting on the customer from 17:00: 09:00→17:00 = 480 consumed, then paused, no due time.
    const waiting = { status: 'waiting_on_customer', createdAt: alg('2026-11-20T09:00'), ...replied };
    const s2 = change(s1, waiting, p, alg('2026-11-20T17:00'));
    expect(s2.sla!.clocks.resolution).toMatchObject({ state: 'paused', consumedMinutes: 480, pausedMinutes: 0 });
    expect(s2.sla!.clocks.resolution!.dueAt).toBeUndefined();
    expect(s2.duesk).toBeUndefined();

    // Seen Mon 12:00 while paused: paused Fri 17–18 (60) + Mon 09–12 (180) = 240; 1080 − 480 = 600 left.
    const view = slaView(s2.sla, calendar, alg('2026-11-23T12:00')).find((v) => v.target === 'resolution');
    expect(view).toMatchObject({ state: 'paused', pausedMinutes: 240, remainingMinutes: 600 });

    // Customer replies Tue 10:00, ticket back to open. Paused: 60 + 540 (Mon) + 60 (Tue 09–10) = 660.
    const s3 = change(s2.sla, { ...waiting, status: 'open', lastCustomerMessageAt: alg('2026-11-24T10:00') }, p, alg('2026-11-24T10:00'));
    const res = s3.sla!.clocks.resolution!;
    // 600 left from Tue 10:00: 480 on Tue, 120 on Wed → Wed 11:00; warning at 864: 384 left → Tue 16:24.
    expect(res).toMatchObject({ state: 'running', consumedMinutes: 480, pausedMinutes: 660, dueAt: alg('2026-11-25T11:00'), warnAt: alg('2026-11-24T16:24') });
    // The message opened next-response cycle 1: due Tue 12:00, warning at 96 → 11:36.
    expect(s3.sla!.nextResponseCycle).toBe(1);
    expect(s3.sla!.clocks.nextResponse).toMatchObject({ startedAt: alg('2026-11-24T10:00'), dueAt: alg('2026-11-24T12:00'), warnAt: alg('2026-11-24T11:36') });
    expect(s3.duesk).toBe(`${alg('2026-11-24T11:36')}#t1`);
  });

  it('keeps consumed minutes and applies the new targets on a policy change (medium → urgent)', () => {
    const medium = policy({ firstResponse: 240 }, { policyId: 'medium', priority: 'medium' });
    const urgent = policy({ firstResponse: 60 }, { policyId: 'urgent' });
    const s0 = change(undefined, {}, medium, alg('2026-11-16T09:00')).sla;
    // Medium: 09:00 + 240 → 13:00; warning 192 → 12:12.
    expect(s0!.clocks.firstResponse).toMatchObject({ dueAt: alg('2026-11-16T13:00'), warnAt: alg('2026-11-16T12:12') });

    // Raised to urgent at 09:30: 30 consumed, 30 left → 10:00; warning 48: 18 left → 09:48.
    const s1 = change(s0, {}, urgent, alg('2026-11-16T09:30')).sla;
    expect(s1).toMatchObject({ policyId: 'urgent' });
    expect(s1!.clocks.firstResponse).toMatchObject({ targetMinutes: 60, consumedMinutes: 30, dueAt: alg('2026-11-16T10:00'), warnAt: alg('2026-11-16T09:48') });
  });

  it('a policy change past the new target leaves a breach pending for the sweep', () => {
    const medium = policy({ firstResponse: 240 }, { policyId: 'medium', priority: 'medium' });
    const urgent = policy({ firstResponse: 60 }, { policyId: 'urgent' });
    const s0 = change(undefined, {}, medium, alg('2026-11-16T09:00')).sla;
    // At 10:30, 90 consumed > 60: due 30 business minutes back, 10:00 — already passed.
    const s1 = change(s0, {}, urgent, alg('2026-11-16T10:30'));
    expect(s1.sla!.clocks.firstResponse!.dueAt).toBe(alg('2026-11-16T10:00'));
    expect(s1.sla!.nextCheckAt).toBe(alg('2026-11-16T10:00'));
    const marked = markChecks(s1.sla!, alg('2026-11-16T10:30'));
    expect(marked.checks).toEqual([{ target: 'firstResponse', kind: 'breach', cycle: 1, at: alg('2026-11-16T10:00'), lateMinutes: 30 }]);
    expect(marked.sla.clocks.firstResponse!.state).toBe('breached');
    expect(hasOpenBreach(marked.sla)).toBe(true);
  });

  it('opens a next-response cycle per customer message after an answer', () => {
    const p = policy({ firstResponse: 60, nextResponse: 120 });
    const base = { firstResponseAt: alg('2026-11-16T09:30'), lastAgentMessageAt: alg('2026-11-16T09:30') };
    // First reply 09:30: no cycle yet (nothing asked after it).
    const s0 = change(undefined, base, p, alg('2026-11-16T09:30')).sla;
    expect(s0!.clocks.nextResponse).toBeUndefined();
    expect(s0!.nextResponseCycle).toBe(0);
    // Customer 11:00 → cycle 1, due 13:00.
    const s1 = change(s0, { ...base, lastCustomerMessageAt: alg('2026-11-16T11:00') }, p, alg('2026-11-16T11:00')).sla;
    expect(s1!.nextResponseCycle).toBe(1);
    expect(s1!.clocks.nextResponse).toMatchObject({ state: 'running', dueAt: alg('2026-11-16T13:00') });
    // Agent 12:00 → cycle 1 met after 60.
    const answered = { ...base, lastCustomerMessageAt: alg('2026-11-16T11:00'), lastAgentMessageAt: alg('2026-11-16T12:00') };
    const s2 = change(s1, answered, p, alg('2026-11-16T12:00')).sla;
    expect(s2!.clocks.nextResponse).toMatchObject({ state: 'met', elapsedMinutes: 60, metAt: alg('2026-11-16T12:00') });
    // Customer 17:00 → cycle 2: 60 Mon + 60 Tue → Tue 10:00.
    const s3 = change(s2, { ...answered, lastCustomerMessageAt: alg('2026-11-16T17:00') }, p, alg('2026-11-16T17:00')).sla;
    expect(s3!.nextResponseCycle).toBe(2);
    expect(s3!.clocks.nextResponse).toMatchObject({ startedAt: alg('2026-11-16T17:00'), dueAt: alg('2026-11-17T10:00') });
    // A second customer message 17:30 before any answer keeps cycle 2 and its start.
    const s4 = change(s3, { ...answered, lastCustomerMessageAt: alg('2026-11-16T17:30') }, p, alg('2026-11-16T17:30')).sla;
    expect(s4!.nextResponseCycle).toBe(2);
    expect(s4!.clocks.nextResponse).toMatchObject({ startedAt: alg('2026-11-16T17:00'), consumedMinutes: 30, dueAt: alg('2026-11-17T10:00') });
  });

  it('resumes the resolution clock on reopen with consumed time kept', () => {
    const p = policy({ resolution: 240 });
    const s0 = change(undefined, {}, p, alg('2026-11-16T09:00')).sla;
    // Resolved Mon 11:00: met after 120.
    const s1 = change(s0, { status: 'resolved', resolvedAt: alg('2026-11-16T11:00') }, p, alg('2026-11-16T11:00'));
    expect(s1.sla!.clocks.resolution).toMatchObject({ state: 'met', elapsedMinutes: 120 });
    expect(s1.duesk).toBeUndefined();
    // Reopened Tue 10:00: the resolved time is not counted; 120 left → Tue 12:00.
    const s2 = change(s1.sla, { status: 'open', resolvedAt: alg('2026-11-16T11:00') }, p, alg('2026-11-17T10:00')).sla;
    expect(s2!.clocks.resolution).toMatchObject({ state: 'running', consumedMinutes: 120, dueAt: alg('2026-11-17T12:00') });
    expect(s2!.clocks.resolution!.metAt).toBeUndefined();
    // Resolved again Tue 11:00: 120 + 60 = 180.
    const s3 = change(s2, { status: 'resolved', resolvedAt: alg('2026-11-17T11:00') }, p, alg('2026-11-17T11:00')).sla;
    expect(s3!.clocks.resolution).toMatchObject({ state: 'met', elapsedMinutes: 180, metAt: alg('2026-11-17T11:00') });
  });

  it('resolving meets open response clocks; no policy means no SLA', () => {
    const p = policy({ firstResponse: 60 });
    const s0 = change(undefined, {}, p, alg('2026-11-16T09:00')).sla;
    const s1 = change(s0, { status: 'closed', closedAt: alg('2026-11-16T09:20') }, p, alg('2026-11-16T09:20')).sla;
    expect(s1!.clocks.firstResponse).toMatchObject({ state: 'met', elapsedMinutes: 20 });
    expect(computeSla({ ticket: ticket({}), policy: undefined, calendar, now: alg('2026-11-16T09:00') })).toEqual({});
  });

  it('counts real minutes when the calendar is missing (24/7)', () => {
    // Sat 10:00 + 60 real minutes → 11:00.
    const r = computeSla({ ticket: ticket({ createdAt: alg('2026-11-21T10:00') }), policy: policy({ firstResponse: 60 }), calendar: undefined, now: alg('2026-11-21T10:00') });
    expect(r.sla!.clocks.firstResponse!.dueAt).toBe(alg('2026-11-21T11:00'));
  });
});

describe('markChecks', () => {
  const p = policy({ firstResponse: 60, resolution: 480 });
  const created = { createdAt: alg('2026-11-20T17:55') };

  it('warns once, then breaches once (a repeated sweep finds nothing)', () => {
    // Recomputed by the sweep at Mon 09:43 (warning instant): 48 consumed.
    const atWarn = change(change(undefined, created, p, created.createdAt).sla, created, p, alg('2026-11-23T09:43')).sla!;
    const warned = markChecks(atWarn, alg('2026-11-23T09:43'));
    expect(warned.checks).toEqual([{ target: 'firstResponse', kind: 'warn', cycle: 1, at: alg('2026-11-23T09:43') }]);
    expect(markChecks(warned.sla, alg('2026-11-23T09:43')).checks).toEqual([]);
    // Next check: the first-response due time 09:55.
    expect(warned.sla.nextCheckAt).toBe(alg('2026-11-23T09:55'));

    const atDue = change(warned.sla, created, p, alg('2026-11-23T09:55')).sla!;
    const breached = markChecks(atDue, alg('2026-11-23T09:55'));
    expect(breached.checks).toEqual([{ target: 'firstResponse', kind: 'breach', cycle: 1, at: alg('2026-11-23T09:55'), lateMinutes: 0 }]);
    expect(breached.sla.clocks.firstResponse).toMatchObject({ state: 'breached', breachedAt: alg('2026-11-23T09:55') });
    expect(markChecks(breached.sla, alg('2026-11-23T10:30')).checks).toEqual([]);
    // Seen at 10:10: 60 consumed at 09:55 + 15 since → 15 minutes late.
    const view = slaView(breached.sla, calendar, alg('2026-11-23T10:10')).find((v) => v.target === 'firstResponse');
    expect(view).toMatchObject({ state: 'breached', remainingMinutes: -15, dueAt: alg('2026-11-23T09:55') });
    // Then the resolution warning (Mon 15:19) is next.
    expect(breached.sla.nextCheckAt).toBe(alg('2026-11-23T15:19'));

    // A late reply at 10:30 meets it (95 − 60 = 35 late) and it stays breached for the metrics, no longer overdue.
    const replied = { ...created, firstResponseAt: alg('2026-11-23T10:30'), lastAgentMessageAt: alg('2026-11-23T10:30') };
    const met = change(breached.sla, replied, p, alg('2026-11-23T10:30')).sla!;
    expect(met.clocks.firstResponse).toMatchObject({ state: 'met', elapsedMinutes: 95, breachedAt: alg('2026-11-23T09:55') });
    expect(metWithinTarget(met.clocks.firstResponse!)).toBe(false);
    expect(hasOpenBreach(met)).toBe(false);
  });

  it('records a breach for a clock met late before the sweep came', () => {
    const q = policy({ firstResponse: 60 });
    const s0 = change(undefined, {}, q, alg('2026-11-16T09:00')).sla;
    // Reply at 10:30: 90 consumed, due was 10:00 → a breach is still pending.
    const late = { firstResponseAt: alg('2026-11-16T10:30'), lastAgentMessageAt: alg('2026-11-16T10:30') };
    const s1 = change(s0, late, q, alg('2026-11-16T10:30'));
    expect(s1.sla!.nextCheckAt).toBe(alg('2026-11-16T10:00'));
    const marked = markChecks(s1.sla!, alg('2026-11-16T10:31'));
    expect(marked.checks).toEqual([{ target: 'firstResponse', kind: 'breach', cycle: 1, at: alg('2026-11-16T10:00'), lateMinutes: 30, met: true }]);
    expect(marked.sla.clocks.firstResponse!.state).toBe('met');
    expect(marked.sla.nextCheckAt).toBeUndefined();
  });
});
