import * as z from 'zod';
import { logger } from '../observability.js';
import { splitAddress } from './compose.js';
import { markContactsBounced } from '../mail/bounces.js';
import { suppressAddress } from './suppression.js';

const mail = z.object({ messageId: z.string().min(1), timestamp: z.string().optional(), destination: z.array(z.string()).optional() });

/** An SES sending event the configuration set publishes to EventBridge (only the fields read here). */
export const sesSendingEvent = z.object({
  source: z.literal('aws.ses'),
  'detail-type': z.string(),
  id: z.string().optional(),
  detail: z.object({ eventType: z.string() }).loose(),
});
export type SesSendingEvent = z.infer<typeof sesSendingEvent>;

export const sesBounceDetail = z.object({
  eventType: z.literal('Bounce'),
  mail,
  bounce: z.object({
    bounceType: z.enum(['Permanent', 'Transient', 'Undetermined']),
    bounceSubType: z.string().optional(),
    bouncedRecipients: z
      .array(z.object({ emailAddress: z.string().min(3), status: z.string().optional(), diagnosticCode: z.string().optional(), action: z.string().optional() }))
      .min(1),
    feedbackId: z.string().optional(),
  }),
});

export const sesComplaintDetail = z.object({
  eventType: z.literal('Complaint'),
  mail,
  complaint: z.object({
    complainedRecipients: z.array(z.object({ emailAddress: z.string().min(3) })).min(1),
    complaintFeedbackType: z.string().optional(),
    feedbackId: z.string().optional(),
  }),
});

export interface SesEventResult {
  eventType: string;
  suppressed: string[];
}

const address = (value: string) => splitAddress(value).address.toLowerCase();

/**
 * Permanent bounces suppress each bounced address (reason bounce) and flag its contacts (the
 * contact shows that mail to it bounced), complaints suppress each complaining
 * address (reason complaint); transient bounces are only logged, other events (Send, Delivery, ...)
 * ignored. Idempotent: an address already suppressed keeps its first entry. A malformed Bounce or
 * Complaint detail throws (zod), so EventBridge retries and then dead-letters it.
 */
export async function applySesEvent(event: SesSendingEvent): Promise<SesEventResult> {
  const { eventType } = event.detail;
  const suppressed: string[] = [];
  if (eventType === 'Bounce') {
    const { bounce, mail: sent } = sesBounceDetail.parse(event.detail);
    if (bounce.bounceType !== 'Permanent') {
      logger.info('transient bounce', { sesMessageId: sent.messageId, bounceType: bounce.bounceType });
      return { eventType, suppressed };
    }
    for (const r of bounce.bouncedRecipients) {
      const email = address(r.emailAddress);
      const detail = [r.status, r.diagnosticCode].filter(Boolean).join(' ') || 'permanent bounce';
      await suppressAddress({ email, reason: 'bounce', detail, sourceId: sent.messageId, createdBy: 'system:ses' });
      await markContactsBounced(email, detail);
      suppressed.push(email);
    }
  } else if (eventType === 'Complaint') {
    const { complaint, mail: sent } = sesComplaintDetail.parse(event.detail);
    for (const r of complaint.complainedRecipients) {
      const email = address(r.emailAddress);
      await suppressAddress({ email, reason: 'complaint', detail: complaint.complaintFeedbackType ?? 'complaint', sourceId: sent.messageId, createdBy: 'system:ses' });
      suppressed.push(email);
    }
  }
  if (suppressed.length) logger.warn('addresses suppressed', { eventType, count: suppressed.length });
  return { eventType, suppressed };
}
