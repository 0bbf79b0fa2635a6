import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import type * as z from 'zod';
import type { ScheduleEnvelope } from '../../events/schedule-payload.js';
import { logger, metrics } from '../observability.js';
import { claimRun, finishRun } from './runs.js';

export type JobResult = { status: 'skipped'; reason: 'already_ran' } | { status: 'succeeded'; detail: Record<string, unknown> };

/**
 * Wraps a scheduled job: validates the payload, claims the (schedule, time) run so a double fire
 * does nothing, runs the work and records the outcome. A failure is recorded and rethrown so the
 * scheduler's retry policy and DLQ apply.
 */
export function scheduledJob<S extends z.ZodType<ScheduleEnvelope>>(
  payload: S,
  work: (input: z.infer<S>) => Promise<Record<string, unknown>>,
) {
  return middy<unknown, JobResult, Error, Context>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(logMetrics(metrics))
    .handler(async (event) => {
      const input = payload.parse(event);
      logger.appendKeys({ schedule: input.schedule, scheduledTime: input.scheduledTime });
      if (!(await claimRun(input))) {
        logger.info('run already claimed; skipping');
        return { status: 'skipped', reason: 'already_ran' };
      }
      let detail: Record<string, unknown>;
      try {
        detail = await work(input);
      } catch (err) {
        // Record the failure (so a retry may claim the run again) but rethrow the work's own error.
        await finishRun(input, 'failed', { message: (err as Error).message }).catch((recordErr: unknown) =>
          logger.error('could not record failed run', { error: recordErr as Error }),
        );
        throw err;
      }
      await finishRun(input, 'succeeded', detail);
      return { status: 'succeeded', detail };
    });
}
