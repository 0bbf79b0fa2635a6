import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import type { Change } from '../streams/changes.js';
import { applyToSlaMetrics, daysBetween, histogramMedian, isoWeek, slaDayScope, slaMetricDeltas, slaWeekScope, summariseSlaMetrics } from './metrics.js';
import { histogramBuckets, slaMetricsQuery } from './metrics-schemas.js';
import type { SlaTargetName, TargetClock, TicketSla } from './types.js';

const ddb = mockClient(DynamoDBDocumentClient);
afterEach(() => ddb.reset());

const clock = (over: Partial<TargetClock>): TargetClock => ({
  targetMinutes: 60, startedAt: '2026-11-20T08:00:00.000Z', consumedMinutes: 0, countedTo: '2026-11-20T08:00:00.000Z', pausedMinutes: 0, state: 'running', ...over,
});
const ticket = (clocks: TicketSla['clocks'], cycle = 0) => ({
  __edb_e__: 'ticket', ticketId: 't1', status: 'open', sla: { policyId: 'p1', calendarId: 'c1', nextResponseCycle: cycle, clocks } satisfies TicketSla,
});
const change = (kind: Change['kind'], oldImage: Record<string, unknown> | undefined, newImage: Record<string, unknown> | undefined, eventId = 'e1'): Change => ({
  eventId, sequence: '1', kind, entity: String((newImage ?? oldImage)?.__edb_e__), oldImage, newImage, expired: false,
});
const byName = (c: Change, scope = slaDayScope) => Object.fromEntries(slaMetricDeltas(c).filter((d) => d.scope === scope).map((d) => [d.name, d.delta]));

describe('isoWeek', () => {
  it('follows ISO 8601 across year ends', () => {
    expect(isoWeek('2026-11-21')).toBe('2026-W47');
    expect(isoWeek('2025-12-29')).toBe('2026-W01');
    expect(isoWeek('2027-01-03')).toBe('2026-W53');
    expect(isoWeek('2027-01-04')).toBe('2027-W01');
  });
});

describe('SLA metric deltas', () => {
  const met = clock({ state: 'met', metAt: '2026-11-21T09:10:00.000Z', elapsedMinutes: 40 });

  it('a first response met within target counts on the day it was met, and in its week', () => {
    const c = change('modify', ticket({ firstResponse: clock({}) }), ticket({ firstResponse: met }));
    expect(byName(c)).toEqual({ '2026-11-21#frt#count': 1, '2026-11-21#frt#within': 1, '2026-11-21#frt#sum': 40, '2026-11-21#frtHist#60': 1 });
    expect(byName(c, slaWeekScope)).toEqual({ '2026-W47#frt#count': 1, '2026-W47#frt#within': 1, '2026-W47#frt#sum': 40, '2026-W47#frtHist#60': 1 });
  });

  it('a late resolution counts business and calendar minutes, not within target', () => {
    const resolved = clock({ state: 'met', targetMinutes: 30, metAt: '2026-11-21T08:00:00.000Z', elapsedMinutes: 300 });
    expect(byName(change('modify', ticket({ resolution: clock({ targetMinutes: 30 }) }), ticket({ resolution: resolved })))).toEqual({
      '2026-11-21#res#count': 1, '2026-11-21#res#sumBusiness': 300, '2026-11-21#res#sumCalendar': 1440,
    });
  });

  it('a ticket edit that keeps a met clock moves nothing', () => {
    expect(slaMetricDeltas(change('modify', ticket({ firstResponse: met }), { ...ticket({ firstResponse: met }), status: 'in_progress' }))).toEqual([]);
  });

  it('each next-response cycle counts once', () => {
    const cycle1 = clock({ state: 'met', startedAt: '2026-11-21T10:00:00.000Z', metAt: '2026-11-21T10:05:00.000Z', elapsedMinutes: 5 });
    const cycle2 = clock({ state: 'met', startedAt: '2026-11-22T10:00:00.000Z', metAt: '2026-11-22T11:30:00.000Z', elapsedMinutes: 90 });
    expect(byName(change('modify', ticket({ nextResponse: cycle1 }, 1), ticket({ nextResponse: cycle2 }, 2)))).toEqual({
      '2026-11-22#nrt#count': 1, '2026-11-22#nrt#sum': 90,
    });
  });

  it('a breach insert counts by agent, group, priority, category and target; removals count nothing', () => {
    const breach = { __edb_e__: 'slaBreach', ticketId: 't1', target: 'resolution', cycle: 0, breachedAt: '2026-11-21T23:59:00.000Z', day: '2026-11-21', groupId: 'g1', priority: 'high', categoryId: 'k1' };
    expect(byName(change('insert', undefined, breach))).toEqual({
      '2026-11-21#breach#total': 1, '2026-11-21#breach#target#resolution': 1, '2026-11-21#breach#agent#unassigned': 1,
      '2026-11-21#breach#group#g1': 1, '2026-11-21#breach#priority#high': 1, '2026-11-21#breach#category#k1': 1,
    });
    expect(slaMetricDeltas(change('remove', breach, undefined))).toEqual([]);
    expect(slaMetricDeltas(change('remove', ticket({ firstResponse: met }), undefined))).toEqual([]);
  });
});

describe('applyToSlaMetrics', () => {
  const c = change('modify', ticket({}), ticket({ firstResponse: clock({ state: 'met', metAt: '2026-11-21T09:00:00.000Z', elapsedMinutes: 10 }) }));

  it('writes its own mark and every counter in one transaction', async () => {
    ddb.on(TransactWriteCommand).resolves({});
    expect(await applyToSlaMetrics(c)).toBe('applied');
    const items = ddb.commandCalls(TransactWriteCommand)[0]!.args[0].input.TransactItems!;
    expect(items[0]!.Put?.ConditionExpression).toMatch(/attribute_not_exists/);
    expect(items[0]!.Put?.Item).toEqual(expect.objectContaining({ consumer: 'slaMetrics', eventId: 'e1' }));
    expect(items.slice(1)).toHaveLength(8);
    expect(items.slice(1).every((i) => i.Update)).toBe(true);
  });

  it('a redelivered record is a duplicate', async () => {
    ddb.on(TransactWriteCommand).rejects(new TransactionCanceledException({
      message: 'cancelled', $metadata: {}, CancellationReasons: [{ Code: 'ConditionalCheckFailed' }, { Code: 'None' }],
    }));
    expect(await applyToSlaMetrics(c)).toBe('duplicate');
  });

  it('ignores changes that carry no metric', async () => {
    expect(await applyToSlaMetrics(change('modify', ticket({}), ticket({})))).toBe('ignored');
    expect(ddb.commandCalls(TransactWriteCommand)).toHaveLength(0);
  });
});

describe('the metrics query', () => {
  it('accepts up to 92 days and rejects longer or reversed ranges on `to`', () => {
    expect(slaMetricsQuery.safeParse({ from: '2026-09-01', to: '2026-12-01' }).success).toBe(true);
    const long = slaMetricsQuery.safeParse({ from: '2026-09-01', to: '2026-12-02' });
    expect(long.success).toBe(false);
    expect(long.error?.issues[0]?.path).toEqual(['to']);
    expect(slaMetricsQuery.safeParse({ from: '2026-09-02', to: '2026-09-01' }).success).toBe(false);
  });
});

describe('histogramMedian', () => {
  it('interpolates within the middle bucket', () => {
    expect(histogramMedian({ '5': 0, '15': 2, '30': 2 })).toBe(15);
    expect(histogramMedian({ '60': 4 })).toBe(45);
    expect(histogramMedian({ inf: 3 })).toBe(10080);
    expect(histogramMedian({})).toBeNull();
  });
});

/** A deterministic pseudo-random sequence (no wall clock, no Math.random). */
function random(seed: number) {
  let s = seed;
  return () => ((s = (s * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
}

describe('metrics equal a brute-force recomputation over the same fixture', () => {
  it('aggregating the change records gives what a pass over the fixture gives', () => {
    const rnd = random(7);
    const pick = <T,>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
    const base = Date.parse('2026-10-01T00:00:00Z');
    const iso = (t: number) => new Date(t).toISOString();
    type Met = { target: SlaTargetName; metAt: string; elapsed: number; targetMinutes: number; calendar: number };
    type Breach = { target: string; day: string; assigneeId?: string; groupId: string; priority: string; categoryId: string };
    const mets: Met[] = [];
    const breaches: Breach[] = [];
    const changes: Change[] = [];
    let event = 0;
    const push = (kind: Change['kind'], before: Record<string, unknown> | undefined, after: Record<string, unknown> | undefined) => {
      const c = change(kind, before, after, `evt-${++event}`);
      changes.push(c);
      if (rnd() < 0.1) changes.push(c); // redelivered: the mark makes it count once
    };

    for (let n = 0; n < 300; n++) {
      const created = base + Math.floor(rnd() * 80 * 86_400_000);
      const clocks: TicketSla['clocks'] = {};
      let image: Record<string, unknown> = { ...ticket({}), ticketId: `t${n}` };
      push('insert', undefined, image);
      let cycle = 0;
      let now = created;
      for (const step of ['firstResponse', 'nextResponse', 'edit', 'nextResponse', 'resolution', 'breach'] as const) {
        now += Math.floor(rnd() * 3 * 86_400_000);
        if (rnd() < 0.3) continue;
        if (step === 'breach') {
          const b = { target: pick(['firstResponse', 'resolution']), day: iso(now).slice(0, 10), groupId: pick(['g1', 'g2', 'g3']), priority: pick(['low', 'high', 'urgent']), categoryId: pick(['k1', 'k2']), ...(rnd() < 0.7 ? { assigneeId: pick(['u1', 'u2']) } : {}) };
          breaches.push(b);
          push('insert', undefined, { __edb_e__: 'slaBreach', ticketId: `t${n}`, cycle: 0, breachedAt: iso(now), ...b });
          continue;
        }
        if (step !== 'edit') {
          const startedAt = step === 'nextResponse' ? iso(now - 3_600_000) : iso(created);
          const targetMinutes = pick([30, 60, 240, 1440]);
          const elapsed = Math.floor(rnd() * 3000);
          clocks[step] = clock({ state: 'met', startedAt, targetMinutes, metAt: iso(now), elapsedMinutes: elapsed });
          if (step === 'nextResponse') cycle++;
          mets.push({ target: step, metAt: iso(now), elapsed, targetMinutes, calendar: Math.round((now - Date.parse(startedAt)) / 60_000) });
        }
        const next = { ...ticket(structuredClone(clocks), cycle), ticketId: `t${n}`, status: pick(['open', 'answered', 'resolved']) };
        push('modify', image, next);
        image = next;
      }
    }

    // Through the aggregator: deltas summed per counter, each event id once (the stream mark).
    const seen = new Set<string>();
    const counters = { [slaDayScope]: new Map<string, number>(), [slaWeekScope]: new Map<string, number>() };
    for (const c of changes) {
      if (seen.has(c.eventId)) continue;
      seen.add(c.eventId);
      for (const d of slaMetricDeltas(c)) counters[d.scope as keyof typeof counters].set(d.name, (counters[d.scope as keyof typeof counters].get(d.name) ?? 0) + d.delta);
    }

    // Brute force: straight over the fixture's ground truth, for a range and per week.
    const query = slaMetricsQuery.parse({ from: '2026-10-10', to: '2026-12-31', groupBy: 'week' });
    const result = summariseSlaMetrics(query, counters[slaDayScope], counters[slaWeekScope]);
    const inRange = (day: string) => day >= query.from && day <= query.to;
    const metIn = (ok: (day: string) => boolean, t: SlaTargetName) => mets.filter((m) => m.target === t && ok(m.metAt.slice(0, 10)));
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    const within = (xs: Met[]) => xs.filter((m) => m.elapsed <= m.targetMinutes).length;
    const bucket = (m: number) => (m < 15 ? 'lt15m' : m < 60 ? 'lt1h' : m < 240 ? 'lt4h' : m < 1440 ? 'lt1d' : 'ge1d');
    const expectPeriod = (ok: (day: string) => boolean) => {
      const frt = metIn(ok, 'firstResponse');
      const nrt = metIn(ok, 'nextResponse');
      const res = metIn(ok, 'resolution');
      const all = [...frt, ...nrt, ...res];
      return {
        firstResponse: { count: frt.length, sumMinutes: sum(frt.map((m) => m.elapsed)), withinTarget: within(frt) },
        nextResponse: { count: nrt.length, sumMinutes: sum(nrt.map((m) => m.elapsed)), withinTarget: within(nrt) },
        resolution: { count: res.length, sumBusinessMinutes: sum(res.map((m) => m.elapsed)), sumCalendarMinutes: sum(res.map((m) => m.calendar)), withinTarget: within(res) },
        histogram: Object.fromEntries(histogramBuckets.map((b) => [b, frt.filter((m) => bucket(m.elapsed) === b).length])),
        breaches: breaches.filter((b) => ok(b.day)).length,
        attainmentPercent: all.length ? Math.round((within(all) / all.length) * 1000) / 10 : null,
      };
    };

    expect(result.totals).toEqual({ period: `${query.from}/${query.to}`, ...expectPeriod(inRange) });
    const weeks = [...new Set(daysBetween(query.from, query.to).map(isoWeek))];
    expect(result.periods.map((p) => p.period)).toEqual(weeks);
    for (const p of result.periods) expect(p).toEqual({ period: p.period, ...expectPeriod((day) => isoWeek(day) === p.period) });

    const count = (key: (b: Breach) => string) => {
      const m = new Map<string, number>();
      for (const b of breaches.filter((x) => inRange(x.day))) m.set(key(b), (m.get(key(b)) ?? 0) + 1);
      return Object.fromEntries(m);
    };
    const asMap = (xs: { key: string; count: number }[]) => Object.fromEntries(xs.map((x) => [x.key, x.count]));
    expect(asMap(result.breachesBy.agent)).toEqual(count((b) => b.assigneeId ?? 'unassigned'));
    expect(asMap(result.breachesBy.group)).toEqual(count((b) => b.groupId));
    expect(asMap(result.breachesBy.priority)).toEqual(count((b) => b.priority));
    expect(asMap(result.breachesBy.category)).toEqual(count((b) => b.categoryId));
    expect(asMap(result.breachesBy.target)).toEqual(count((b) => b.target));
    const frt = metIn(inRange, 'firstResponse');
    expect(result.kpis.firstResponseAvgMinutes).toBe(Math.round((sum(frt.map((m) => m.elapsed)) / frt.length) * 10) / 10);
    // The fixture is big enough to exercise every part.
    expect(result.totals.firstResponse.count).toBeGreaterThan(50);
    expect(result.totals.breaches).toBeGreaterThan(50);
    expect(changes.length).toBeGreaterThan(seen.size);
  });
});
