import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outcome, refuseScans, signInEach, startTestTwin, type Reply, type TestTwin } from '../../../infra/local/testing/api.js';
import type { TargetClock, TicketSla } from '../../../shared/sla/types.js';

// SLA metrics against the local twin: ticket images whose clocks turn `met` and slaBreach inserts
// go through the real change feed (functions/streams) into the day and week counters; GET
// /sla/metrics reads them back. Dates are in 2031 so nothing else in the twin falls in the range.

let test: TestTwin;
let commands: string[] = [];
type Who = 'admin' | 'manager' | 'agent' | 'alice';
const token: Record<Who, string> = { admin: '', manager: '', agent: '', alice: '' };
const call = (path: string, who: Who) => test.call('GET', path, token[who]);
const raw = (r: Reply) => JSON.stringify(r.body);

const clock = (over: Partial<TargetClock>): TargetClock => ({
  targetMinutes: 60, startedAt: '2031-03-03T08:00:00.000Z', consumedMinutes: 0, countedTo: '2031-03-03T08:00:00.000Z', pausedMinutes: 0, state: 'running', ...over,
});
const sla = (clocks: TicketSla['clocks']): TicketSla => ({ policyId: 'p1', calendarId: 'c1', nextResponseCycle: 0, clocks });

async function ticketWithClocks(ticketId: string, steps: TicketSla['clocks'][]): Promise<void> {
  const { Ticket } = await import('../../../shared/db/entities/ticket.js');
  await Ticket.create({
    ticketId, number: ticketId.slice(-6), subject: 'Printer offline', description: 'Since Monday.', customerId: 'sla-metrics-corp', requesterEmail: 'a@example.com',
    channel: 'web', categoryId: 'k1', groupId: 'g1', assigneeKey: 'unassigned#g1', createdBy: 'u0', sla: sla({}),
  }).go();
  for (const clocks of steps) await Ticket.patch({ ticketId }).set({ sla: sla(clocks) }).go();
}

beforeAll(async () => {
  test = await startTestTwin('sla-metrics');
  await signInEach(test, { admin: 'admin@cloudmanager.example', manager: 'manager@cloudmanager.example', agent: 'agent@cloudmanager.example', alice: 'customer@cloudmanager.example' }, token);
  // Ticket A: first response in 20 min (within), resolved after 300 business minutes (target 240: late); then an unrelated edit.
  const frtA = clock({ state: 'met', metAt: '2031-03-03T08:20:00.000Z', elapsedMinutes: 20 });
  const resA = clock({ state: 'met', targetMinutes: 240, metAt: '2031-03-04T08:00:00.000Z', elapsedMinutes: 300 });
  await ticketWithClocks('sla-metrics-000001', [{ firstResponse: frtA, resolution: clock({ targetMinutes: 240 }) }, { firstResponse: frtA, resolution: resA }, { firstResponse: frtA, resolution: resA }]);
  // Ticket B: first response after 90 min (target 60: late), the next week.
  await ticketWithClocks('sla-metrics-000002', [{ firstResponse: clock({ state: 'met', startedAt: '2031-03-10T08:00:00.000Z', metAt: '2031-03-10T09:30:00.000Z', elapsedMinutes: 90 }) }]);
  const { SlaBreach } = await import('../../../shared/db/entities/sla-breach.js');
  for (const [ticketId, target, assigneeId] of [['sla-metrics-000001', 'resolution', 'u1'], ['sla-metrics-000002', 'firstResponse', undefined]] as const) {
    const breachedAt = ticketId.endsWith('1') ? '2031-03-03T12:00:00.000Z' : '2031-03-10T09:00:00.000Z';
    await SlaBreach.create({
      ticketId, target, cycle: 0, policyId: 'p1', dueAt: breachedAt, breachedAt, lateMinutes: 5, priority: 'high', groupId: 'g1', categoryId: 'k1',
      ...(assigneeId ? { assigneeId } : {}), day: breachedAt.slice(0, 10),
    }).go();
  }
  await test.twin.gateway.feed.drain();
  commands = await refuseScans();
}, 180_000);

afterAll(async () => {
  await test?.stop();
});

describe('GET /sla/metrics', () => {
  it('sums the met clocks and breaches of the range, per day, with KPIs and breakdowns', async () => {
    const res = await call('/sla/metrics?from=2031-03-01&to=2031-03-31', 'manager');
    expect(res.status, raw(res)).toBe(200);
    const m = res.body!;
    expect(m.periods).toHaveLength(31);
    expect(m.totals.firstResponse).toEqual({ count: 2, sumMinutes: 110, withinTarget: 1 });
    expect(m.totals.resolution).toEqual({ count: 1, sumBusinessMinutes: 300, sumCalendarMinutes: 1440, withinTarget: 0 });
    expect(m.totals.histogram).toEqual({ lt15m: 0, lt1h: 1, lt4h: 1, lt1d: 0, ge1d: 0 });
    expect(m.totals.breaches).toBe(2);
    expect(m.kpis.attainmentPercent).toBe(33.3);
    expect(m.kpis.firstResponseAvgMinutes).toBe(55);
    expect(m.breachesBy.agent).toEqual([{ key: 'u1', count: 1 }, { key: 'unassigned', count: 1 }]);
    expect(m.breachesBy.group).toEqual([{ key: 'g1', count: 2 }]);
    const day3 = m.periods.find((p: { period: string }) => p.period === '2031-03-03');
    expect(day3.firstResponse.count).toBe(1);
    expect(day3.breaches).toBe(1);
    expect(m.truncated).toBe(false);
  });

  it('groups by ISO week', async () => {
    const res = await call('/sla/metrics?from=2031-03-03&to=2031-03-16&groupBy=week', 'admin');
    expect(res.status, raw(res)).toBe(200);
    expect(res.body!.periods.map((p: { period: string; firstResponse: { count: number } }) => [p.period, p.firstResponse.count])).toEqual([['2031-W10', 1], ['2031-W11', 1]]);
  });

  it('answers from at most 2 queries (day counters, week counters)', async () => {
    const settle = async () => {
      for (let seen = -1; seen !== commands.length; ) {
        seen = commands.length;
        await new Promise((resolve) => setTimeout(resolve, 400));
      }
    };
    await settle();
    const base = commands.length;
    expect((await call('/sla/metrics?from=nonsense&to=2031-03-03', 'manager')).status).toBe(400);
    const resolution = commands.length - base;
    await settle();
    const start = commands.length;
    expect((await call('/sla/metrics?from=2031-01-01&to=2031-03-31&groupBy=week', 'manager')).status).toBe(200);
    const sent = commands.slice(start + resolution);
    expect(sent.length).toBeGreaterThan(0);
    expect(sent.length).toBeLessThanOrEqual(2);
    expect(sent.every((c) => /Query/.test(c))).toBe(true);
  });

  it('refuses a range over 92 days, or reversed, on `to`', async () => {
    for (const q of ['from=2031-01-01&to=2031-04-03', 'from=2031-03-02&to=2031-03-01']) {
      const res = await call(`/sla/metrics?${q}`, 'manager');
      expect(outcome(res)).toEqual({ status: 400, code: 'validation_failed' });
      expect(raw(res)).toContain('to');
    }
  });

  it('is for managers and admins: agents and customers are refused', async () => {
    expect(outcome(await call('/sla/metrics?from=2031-03-01&to=2031-03-31', 'agent'))).toEqual({ status: 403, code: 'forbidden' });
    expect(outcome(await call('/sla/metrics?from=2031-03-01&to=2031-03-31', 'alice'))).toEqual({ status: 403, code: 'forbidden' });
  });
});
