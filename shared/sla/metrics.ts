import { Counter } from '../db/entities/counter.js';
import type { Change } from '../streams/changes.js';
import { applyDeltasOnce, type CounterDelta } from '../streams/counters.js';
import { histogramBuckets, type SlaMetrics, type SlaMetricsQuery, type SlaPeriodMetrics } from './metrics-schemas.js';
import { slaTargets, type SlaTargetName, type TargetClock, type TicketSla } from './types.js';

/**
 * SLA metrics, kept exactly once from the table stream (like shared/streams/counters.ts): a clock
 * turning `met` on a ticket image, and each `slaBreach` insert, add to counters per UTC day
 * (scope `sla#days`, name `<YYYY-MM-DD>#<metric>`) and per ISO week (scope `sla#weeks`, name
 * `<YYYY-Www>#<metric>`). The day is the one the clock was met or breached on, not the day the
 * record was processed. Reports read one key range, never tickets.
 */
export const slaDayScope = 'sla#days';
export const slaWeekScope = 'sla#weeks';

const consumer = 'slaMetrics';
const dayMs = 86_400_000;

/** Upper bounds (business minutes) of the first-response histogram kept; the last bucket is `inf`. */
export const fineBuckets = [5, 15, 30, 60, 120, 240, 480, 1440, 2880, 10080] as const;
/** Which fine buckets make each displayed bucket. */
const displayBuckets: Record<(typeof histogramBuckets)[number], string[]> = {
  lt15m: ['5', '15'],
  lt1h: ['30', '60'],
  lt4h: ['120', '240'],
  lt1d: ['480', '1440'],
  ge1d: ['2880', '10080', 'inf'],
};

export function fineBucket(minutes: number): string {
  return String(fineBuckets.find((upper) => minutes < upper) ?? 'inf');
}

/** ISO 8601 week (`2026-W05`) of a UTC day `YYYY-MM-DD`. */
export function isoWeek(day: string): string {
  const date = new Date(`${day.slice(0, 10)}T00:00:00Z`);
  const weekday = (date.getUTCDay() + 6) % 7; // Monday = 0
  date.setUTCDate(date.getUTCDate() - weekday + 3); // the Thursday of that week decides the year
  const year = date.getUTCFullYear();
  const week = 1 + Math.floor((date.getTime() - Date.UTC(year, 0, 1)) / dayMs / 7);
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** One metric event, as the aggregator and the brute-force test both see it. */
export type SlaMetricEvent =
  | { kind: 'met'; target: SlaTargetName; at: string; elapsedMinutes: number; targetMinutes: number; calendarMinutes: number }
  | { kind: 'breach'; target: string; at: string; day?: string; assigneeId?: string; groupId: string; priority: string; categoryId: string };

const short: Record<SlaTargetName, string> = { firstResponse: 'frt', nextResponse: 'nrt', resolution: 'res' };

function clockOf(image: Record<string, unknown> | undefined, target: SlaTargetName): TargetClock | undefined {
  const sla = image?.sla as TicketSla | undefined;
  return sla && typeof sla === 'object' ? sla.clocks?.[target] : undefined;
}

/** The events a change carries: clocks newly met on a ticket, or a breach recorded. */
export function slaMetricEvents(change: Change): SlaMetricEvent[] {
  if (change.kind === 'remove' || !change.newImage) return [];
  if (change.entity === 'slaBreach') {
    if (change.kind !== 'insert') return [];
    const b = change.newImage;
    return [{
      kind: 'breach',
      target: String(b.target),
      at: String(b.breachedAt),
      ...(typeof b.day === 'string' ? { day: b.day } : {}),
      ...(typeof b.assigneeId === 'string' && b.assigneeId ? { assigneeId: b.assigneeId } : {}),
      groupId: String(b.groupId),
      priority: String(b.priority),
      categoryId: String(b.categoryId),
    }];
  }
  if (change.entity !== 'ticket') return [];
  const events: SlaMetricEvent[] = [];
  for (const target of slaTargets) {
    const after = clockOf(change.newImage, target);
    if (!after?.metAt || typeof after.elapsedMinutes !== 'number') continue;
    const before = clockOf(change.oldImage, target);
    // The same met clock seen again (any other edit of the ticket) counts once.
    if (before?.metAt === after.metAt && before.startedAt === after.startedAt) continue;
    events.push({
      kind: 'met',
      target,
      at: after.metAt,
      elapsedMinutes: after.elapsedMinutes,
      targetMinutes: after.targetMinutes,
      calendarMinutes: Math.max(0, Math.round((Date.parse(after.metAt) - Date.parse(after.startedAt)) / 60_000)),
    });
  }
  return events;
}

/** Metric names (after the period) and amounts one event adds. */
export function eventMetrics(event: SlaMetricEvent): [string, number][] {
  if (event.kind === 'breach') {
    return [
      ['breach#total', 1],
      [`breach#target#${event.target}`, 1],
      [`breach#agent#${event.assigneeId ?? 'unassigned'}`, 1],
      [`breach#group#${event.groupId}`, 1],
      [`breach#priority#${event.priority}`, 1],
      [`breach#category#${event.categoryId}`, 1],
    ];
  }
  const p = short[event.target];
  const within = event.elapsedMinutes <= event.targetMinutes ? 1 : 0;
  const metrics: [string, number][] = [[`${p}#count`, 1], [`${p}#within`, within]];
  if (event.target === 'resolution') {
    metrics.push(['res#sumBusiness', event.elapsedMinutes], ['res#sumCalendar', event.calendarMinutes]);
  } else {
    metrics.push([`${p}#sum`, event.elapsedMinutes]);
  }
  if (event.target === 'firstResponse') metrics.push([`frtHist#${fineBucket(event.elapsedMinutes)}`, 1]);
  return metrics.filter(([, n]) => n !== 0);
}

/** Every counter a change moves: each event's metrics on its UTC day and its ISO week. */
export function slaMetricDeltas(change: Change): CounterDelta[] {
  const totals = new Map<string, CounterDelta>();
  for (const event of slaMetricEvents(change)) {
    const day = event.kind === 'breach' && event.day ? event.day : event.at.slice(0, 10);
    for (const [metric, amount] of eventMetrics(event)) {
      for (const [scope, period] of [[slaDayScope, day], [slaWeekScope, isoWeek(day)]] as const) {
        const name = `${period}#${metric}`;
        const key = `${scope} ${name}`;
        const current = totals.get(key);
        if (current) current.delta += amount;
        else totals.set(key, { scope, name, delta: amount });
      }
    }
  }
  return [...totals.values()];
}

/** Applies a change to the SLA metrics exactly once (own mark, in the counters' transaction). */
export function applyToSlaMetrics(change: Change, now = new Date()): Promise<'applied' | 'duplicate' | 'ignored'> {
  return applyDeltasOnce(consumer, change.eventId, slaMetricDeltas(change), now);
}

/** UTC days `from`..`to`, both included. */
export function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += dayMs) days.push(new Date(t).toISOString().slice(0, 10));
  return days;
}

const percent = (within: number, count: number) => (count === 0 ? null : Math.round((within / count) * 1000) / 10);
const average = (sum: number, count: number) => (count === 0 ? null : Math.round((sum / count) * 10) / 10);

/** Counter values by name (`<period>#<metric>`). */
export type MetricValues = ReadonlyMap<string, number>;

function periodMetrics(values: MetricValues, periods: readonly string[], label: string): SlaPeriodMetrics & { fine: Record<string, number> } {
  const sum = (metric: string) => periods.reduce((n, p) => n + (values.get(`${p}#${metric}`) ?? 0), 0);
  const fine = Object.fromEntries([...fineBuckets.map(String), 'inf'].map((b) => [b, sum(`frtHist#${b}`)]));
  const firstResponse = { count: sum('frt#count'), sumMinutes: sum('frt#sum'), withinTarget: sum('frt#within') };
  const nextResponse = { count: sum('nrt#count'), sumMinutes: sum('nrt#sum'), withinTarget: sum('nrt#within') };
  const resolution = { count: sum('res#count'), sumBusinessMinutes: sum('res#sumBusiness'), sumCalendarMinutes: sum('res#sumCalendar'), withinTarget: sum('res#within') };
  const histogram = Object.fromEntries(histogramBuckets.map((b) => [b, displayBuckets[b].reduce((n, f) => n + (fine[f] ?? 0), 0)])) as SlaPeriodMetrics['histogram'];
  return {
    period: label,
    firstResponse,
    nextResponse,
    resolution,
    histogram,
    breaches: sum('breach#total'),
    attainmentPercent: percent(
      firstResponse.withinTarget + nextResponse.withinTarget + resolution.withinTarget,
      firstResponse.count + nextResponse.count + resolution.count,
    ),
    fine,
  };
}

/** The median of the histogram: linear within the bucket holding the middle value (open last bucket: its lower bound). */
export function histogramMedian(fine: Record<string, number>): number | null {
  const total = Object.values(fine).reduce((a, b) => a + b, 0);
  if (total === 0) return null;
  const half = total / 2;
  let seen = 0;
  let lower = 0;
  for (const upper of fineBuckets) {
    const n = fine[String(upper)] ?? 0;
    if (n > 0 && seen + n >= half) return Math.round(lower + ((half - seen) / n) * (upper - lower));
    seen += n;
    lower = upper;
  }
  return lower;
}

function breakdown(values: MetricValues, days: readonly string[], kind: string) {
  const totals = new Map<string, number>();
  const prefix = `breach#${kind}#`;
  const inRange = new Set(days);
  for (const [name, value] of values) {
    const split = name.indexOf('#');
    const metric = name.slice(split + 1);
    if (!inRange.has(name.slice(0, split)) || !metric.startsWith(prefix) || value === 0) continue;
    const key = metric.slice(prefix.length);
    totals.set(key, (totals.get(key) ?? 0) + value);
  }
  return [...totals].map(([key, count]) => ({ key, count })).sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
}

/** The API answer from the counters read: day values always, week values for a weekly trend. */
export function summariseSlaMetrics(query: SlaMetricsQuery, dayValues: MetricValues, weekValues: MetricValues, truncated = false): SlaMetrics {
  const days = daysBetween(query.from, query.to);
  const weeks = [...new Set(days.map(isoWeek))];
  const periods =
    query.groupBy === 'week'
      ? weeks.map((w) => periodMetrics(weekValues, [w], w))
      : days.map((d) => periodMetrics(dayValues, [d], d));
  const { fine, ...totals } = periodMetrics(dayValues, days, `${query.from}/${query.to}`);
  return {
    from: query.from,
    to: query.to,
    groupBy: query.groupBy,
    periods: periods.map(({ fine: _fine, ...p }) => p),
    totals,
    kpis: {
      firstResponseAvgMinutes: average(totals.firstResponse.sumMinutes, totals.firstResponse.count),
      firstResponseMedianMinutes: histogramMedian(fine),
      resolutionAvgBusinessMinutes: average(totals.resolution.sumBusinessMinutes, totals.resolution.count),
      resolutionAvgCalendarMinutes: average(totals.resolution.sumCalendarMinutes, totals.resolution.count),
      attainmentPercent: totals.attainmentPercent,
    },
    breachesBy: {
      agent: breakdown(dayValues, days, 'agent'),
      group: breakdown(dayValues, days, 'group'),
      priority: breakdown(dayValues, days, 'priority'),
      category: breakdown(dayValues, days, 'category'),
      target: breakdown(dayValues, days, 'target'),
    },
    truncated,
  };
}

/** Pages read per scope at most (a 92-day range holds a few thousand small counters). */
const maxPages = 10;

async function readRange(scope: string, first: string, last: string): Promise<{ values: Map<string, number>; truncated: boolean }> {
  const values = new Map<string, number>();
  let cursor: string | null = null;
  for (let page = 0; page < maxPages; page++) {
    const result: { data: { name: string; value: number }[]; cursor: string | null } = await Counter.query
      .byScope({ scope })
      .between({ name: first }, { name: `${last}#~` })
      .go({ cursor });
    for (const c of result.data) values.set(c.name, c.value);
    cursor = result.cursor;
    if (!cursor) return { values, truncated: false };
  }
  return { values, truncated: true };
}

/** GET /sla/metrics: one key range of day counters (and one of week counters for a weekly trend). */
export async function readSlaMetrics(query: SlaMetricsQuery): Promise<SlaMetrics> {
  const [days, weeks] = await Promise.all([
    readRange(slaDayScope, query.from, query.to),
    query.groupBy === 'week' ? readRange(slaWeekScope, isoWeek(query.from), isoWeek(query.to)) : Promise.resolve({ values: new Map<string, number>(), truncated: false }),
  ]);
  return summariseSlaMetrics(query, days.values, weeks.values, days.truncated || weeks.truncated);
}
