import { Entity, type EntityItem } from 'electrodb';
import { lazy } from '../lazy.js';
import { documentClient, tableName } from '../client.js';

/**
 * One item per received email (keyed by the SES message id, so redelivery never duplicates).
 * The raw MIME stays in the inbound bucket; this is the index to it.
 */
export const InboundMessage = lazy(() => new Entity(
  {
    model: { entity: 'inboundMessage', version: '1', service: 'cm' },
    attributes: {
      messageId: { type: 'string', required: true, readOnly: true },
      receivedAt: { type: 'string', required: true, readOnly: true },
      bucket: { type: 'string', required: true },
      key: { type: 'string', required: true },
      sizeBytes: { type: 'number', required: true },
      from: { type: 'string' },
      to: { type: 'list', items: { type: 'string' } },
      subject: { type: 'string' },
      headerMessageId: { type: 'string' },
      verdicts: {
        type: 'map',
        properties: {
          spam: { type: 'string' },
          virus: { type: 'string' },
          spf: { type: 'string' },
          dkim: { type: 'string' },
          dmarc: { type: 'string' },
        },
      },
      /**
       * received → processed (became a ticket or a reply) | ignored (auto-reply, bounce, loop) |
       * rejected (unknown sender, oversize: answered once) | spam (review list) | quarantined (virus,
       * review list) | failed (kept for `npm run mail:replay`). `processing` while being handled.
       */
      status: { type: ['received', 'processing', 'processed', 'ignored', 'rejected', 'spam', 'quarantined', 'failed'] as const, required: true },
      reason: { type: 'string' },
      /** What the message was recognised as (auto-reply, bounce, ...) when not a human mail. */
      classification: { type: 'string' },
      ticketId: { type: 'string' },
      ticketMessageId: { type: 'string' },
      /** Set on spam, quarantined and failed items only: the review list partition. */
      review: { type: 'string' },
      processedAt: { type: 'string' },
      /** When the current (or last) run took the record; a stale claim may be taken over. */
      claimedAt: { type: 'string' },
      attempts: { type: 'number' },
      /** Constant partition for the "latest inbound mail" listing. */
      feed: { type: 'string', required: true, default: 'inbound', readOnly: true },
    },
    indexes: {
      byMessageId: {
        pk: { field: 'pk', composite: ['messageId'] },
        sk: { field: 'sk', composite: [] },
      },
      /** Spam, quarantined and failed mail awaiting review (release / process again, or delete); sparse: only those have `review`. */
      byReview: {
        index: 'gsi2',
        pk: { field: 'gsi2pk', composite: ['review'] },
        sk: { field: 'gsi2sk', composite: ['receivedAt', 'messageId'] },
      },
      byReceived: {
        index: 'gsi1',
        pk: { field: 'gsi1pk', composite: ['feed'] },
        sk: { field: 'gsi1sk', composite: ['receivedAt', 'messageId'] },
      },
    },
  },
  { client: documentClient, table: tableName },
));

export type InboundMessageItem = EntityItem<typeof InboundMessage>;
