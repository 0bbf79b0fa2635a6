import { ticketAutomationPayload } from '../../events/schedules.js';
import { scheduledJob } from '../../shared/schedules/job.js';
import { sweepAutomation } from '../../shared/sla/automation.js';

/** Every 15 minutes: auto-close, waiting reminders and auto-resolve, per the SLA settings' rules. */
export const handler = scheduledJob(ticketAutomationPayload, async (input) => ({ ...(await sweepAutomation(new Date(input.scheduledTime))) }));
