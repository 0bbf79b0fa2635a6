import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { heartbeatPayload } from '../../events/schedules.js';
import { metrics } from '../../shared/observability.js';
import { scheduledJob } from '../../shared/schedules/job.js';

/** Proves schedules fire end to end; the Observability stack alarms when Heartbeat goes missing. */
export const handler = scheduledJob(heartbeatPayload, async (input) => {
  metrics.addMetric('Heartbeat', MetricUnit.Count, 1);
  const lagMs = Date.now() - new Date(input.scheduledTime).getTime();
  return { lagMs, staleAfterMinutes: input.staleAfterMinutes };
});
