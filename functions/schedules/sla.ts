import { slaSweepPayload } from '../../events/schedules.js';
import { scheduledJob } from '../../shared/schedules/job.js';
import { sweepSla } from '../../shared/sla/sweep.js';

/** Every minute: SLA warnings, breaches and escalations of the tickets whose next check is due. */
export const handler = scheduledJob(slaSweepPayload, async (input) => ({ ...(await sweepSla(new Date(input.scheduledTime))) }));
