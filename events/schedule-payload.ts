import * as z from 'zod';

/**
 * Every scheduled invocation carries this envelope. In AWS, EventBridge Scheduler fills the
 * `<aws.scheduler.*>` placeholders; the local scheduler fills them the same way.
 */
export const scheduleEnvelope = z.object({
  schedule: z.string().min(1),
  scheduledTime: z.iso.datetime({ offset: true }),
  executionId: z.string().min(1),
});

export const schedulerPlaceholders = {
  scheduledTime: '<aws.scheduler.scheduled-time>',
  executionId: '<aws.scheduler.execution-id>',
} as const;

export type ScheduleEnvelope = z.infer<typeof scheduleEnvelope>;
