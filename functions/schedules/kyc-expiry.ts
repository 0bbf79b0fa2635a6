import { kycExpiryPayload } from '../../events/schedules.js';
import { sweepKycExpiry } from '../../shared/kyc/expiry.js';
import { scheduledJob } from '../../shared/schedules/job.js';

/** Daily: KYC expiry reminders (30 and 7 days ahead) and expiries, reading only due documents. */
export const handler = scheduledJob(kycExpiryPayload, async (input) => ({ ...(await sweepKycExpiry(new Date(input.scheduledTime))) }));
