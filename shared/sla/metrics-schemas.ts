import * as z from 'zod';

/** The longest range GET /sla/metrics answers (days, both ends included). */
export const maxMetricsDays = 92;

/** Response-time histogram buckets (business minutes): <15 m, <1 h, <4 h, <1 d, ≥1 d. */
export const histogramBuckets = ['lt15m', 'lt1h', 'lt4h', 'lt1d', 'ge1d'] as const;

const day = z.iso.date();
const dayMs = 86_400_000;

/** GET /sla/metrics: UTC days `from`..`to` (≤ 92 days), trend per day or ISO week. */
export const slaMetricsQuery = z
  .object({
    from: day,
    to: day,
    groupBy: z.enum(['day', 'week']).default('day'),
  })
  .strict()
  .superRefine((q, ctx) => {
    const days = (Date.parse(q.to) - Date.parse(q.from)) / dayMs + 1;
    if (days < 1) ctx.addIssue({ code: 'custom', path: ['to'], message: 'to must not be before from' });
    else if (days > maxMetricsDays) ctx.addIssue({ code: 'custom', path: ['to'], message: `The range may cover at most ${maxMetricsDays} days` });
  });

const response = z.object({ count: z.number(), sumMinutes: z.number(), withinTarget: z.number() });

export const slaPeriodMetrics = z
  .object({
    /** `YYYY-MM-DD` or ISO week `YYYY-Www`. */
    period: z.string(),
    firstResponse: response,
    nextResponse: response,
    resolution: z.object({ count: z.number(), sumBusinessMinutes: z.number(), sumCalendarMinutes: z.number(), withinTarget: z.number() }),
    /** First-response times. */
    histogram: z.object({ lt15m: z.number(), lt1h: z.number(), lt4h: z.number(), lt1d: z.number(), ge1d: z.number() }),
    breaches: z.number(),
    /** Met within target / met, over all targets; null when nothing was met. */
    attainmentPercent: z.number().nullable(),
  })
  .meta({ id: 'SlaPeriodMetrics' });

const breakdown = z.array(z.object({ key: z.string(), count: z.number() }));

export const slaMetrics = z
  .object({
    from: day,
    to: day,
    groupBy: z.enum(['day', 'week']),
    /** One entry per day (or ISO week touching the range), oldest first, empty periods included. */
    periods: z.array(slaPeriodMetrics),
    /** The whole range (days `from`..`to`). */
    totals: slaPeriodMetrics,
    kpis: z.object({
      firstResponseAvgMinutes: z.number().nullable(),
      /** Estimated from the histogram (linear within the bucket holding the middle value). */
      firstResponseMedianMinutes: z.number().nullable(),
      resolutionAvgBusinessMinutes: z.number().nullable(),
      resolutionAvgCalendarMinutes: z.number().nullable(),
      attainmentPercent: z.number().nullable(),
    }),
    breachesBy: z.object({ agent: breakdown, group: breakdown, priority: breakdown, category: breakdown, target: breakdown }),
    /** True when the read stopped at its page bound (numbers are then partial). */
    truncated: z.boolean(),
  })
  .meta({ id: 'SlaMetrics' });

export type SlaMetricsQuery = z.output<typeof slaMetricsQuery>;
export type SlaMetrics = z.output<typeof slaMetrics>;
export type SlaPeriodMetrics = z.output<typeof slaPeriodMetrics>;
