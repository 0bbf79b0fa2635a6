import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import * as z from 'zod';
import { logger, metrics } from '../../shared/observability.js';
import { runBackfill, type BackfillReport } from '../../shared/tickets/backfill.js';

/** `{}` starts a run; `{ "cursor": "<from the last answer>" }` continues it. */
export const backfillEvent = z
  .object({
    cursor: z.string().min(1).max(4096).nullish(),
    /** How long to let the stream catch up before and after counting the queues. */
    settleMs: z.int().min(0).max(60_000).default(5_000),
  })
  .strict();

/** Time kept back from the Lambda timeout to finish the page in hand and answer with a cursor. */
const reserveMs = 90_000;

/**
 * Operator-invoked (no schedule): backfills SLA state, automation timers and queue counters for
 * tickets older than them (runbook "Ticket backfill"). Invoke again with the returned cursor until
 * `done`; a finished run invoked again writes nothing.
 */
export const handler = middy<unknown, BackfillReport, Error, Context>()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .use(logMetrics(metrics))
  .handler(async (event, context) => {
    const input = backfillEvent.parse(event ?? {});
    const report = await runBackfill(input.cursor, {
      settle: () => new Promise((resolve) => setTimeout(resolve, input.settleMs)),
      shouldStop: () => context.getRemainingTimeInMillis() < reserveMs,
    });
    metrics.addMetric('TicketsBackfilled', MetricUnit.Count, report.slaWritten);
    logger.info('ticket backfill', { ...report, cursor: report.cursor ? 'set' : null });
    return report;
  });
