import { ScheduleRun } from '../db/entities/schedule-run.js';
import type { ScheduleEnvelope } from '../../events/schedule-payload.js';
import { isConditionalCheckFailed } from '../db/errors.js';

const keepDays = 30;


/**
 * Claims a scheduled run; false when this (schedule, scheduled time) already succeeded or is running.
 * A run that failed may be claimed again, so the scheduler's retry does the work.
 */
export async function claimRun(envelope: ScheduleEnvelope, now = new Date()): Promise<boolean> {
  try {
    await ScheduleRun
      .put({
        schedule: envelope.schedule,
        scheduledTime: new Date(envelope.scheduledTime).toISOString(),
        executionId: envelope.executionId,
        status: 'running',
        startedAt: now.toISOString(),
        expiresAt: Math.floor(now.getTime() / 1000) + keepDays * 86_400,
      })
      .where((attr, op) => `${op.notExists(attr.schedule)} OR ${op.eq(attr.status, 'failed')}`)
      .go();
    return true;
  } catch (err) {
    if (isConditionalCheckFailed(err)) return false;
    throw err;
  }
}

/** Records how a claimed run ended. */
export async function finishRun(envelope: ScheduleEnvelope, status: 'succeeded' | 'failed', detail: Record<string, unknown> = {}) {
  await ScheduleRun
    .patch({ schedule: envelope.schedule, scheduledTime: new Date(envelope.scheduledTime).toISOString() })
    .set({ status, finishedAt: new Date().toISOString(), detail })
    .go();
}

/** The latest runs of one schedule, newest first. */
export async function latestRuns(schedule: string, limit = 10) {
  const { data } = await ScheduleRun.query.bySchedule({ schedule }).go({ order: 'desc', limit });
  return data;
}
