import { s3 } from '../aws/s3.js';
import { checkCursor, withCursor } from '../db/cursor.js';
import { InboundMessage, type InboundMessageItem } from '../db/entities/inbound-message.js';
import { isConditionalCheckFailed } from '../db/errors.js';
import { ConflictError, NotFoundError } from '../errors.js';
import { presignDownload } from '../uploads/s3-files.js';
import { reviewKinds, type DeleteReviewBatchResult, type ListReviewQuery, type ReleaseResult, type ReviewItem } from './admin-schemas.js';
import { processInboundMail } from './intake.js';
import type { SesInboundRecord } from './ses-event.js';

/** The sparse index partition the pipeline puts spam, quarantined and failed mail in. */
const review = 'review';
type ReviewStatus = (typeof reviewKinds)[number];

const inReview = (item: InboundMessageItem): item is InboundMessageItem & { status: ReviewStatus } =>
  item.review === review && (reviewKinds as readonly string[]).includes(item.status);

export function toReviewItem(item: InboundMessageItem & { status: ReviewStatus }): ReviewItem {
  return {
    messageId: item.messageId,
    kind: item.status,
    ...(item.from ? { from: item.from } : {}),
    to: item.to ?? [],
    ...(item.subject !== undefined ? { subject: item.subject } : {}),
    receivedAt: item.receivedAt,
    size: item.sizeBytes,
    verdicts: item.verdicts ?? {},
    ...(item.reason ? { reason: item.reason } : {}),
  };
}

/** Spam, quarantined or failed mail awaiting review, newest first (the sparse `byReview` index, filtered on status). */
export async function listReview(query: ListReviewQuery): Promise<{ items: ReviewItem[]; cursor: string | null }> {
  const cursor = checkCursor(query.cursor);
  const page = await withCursor(() =>
    InboundMessage.query
      .byReview({ review })
      .where(({ status }, { eq }) => eq(status, query.kind as InboundMessageItem['status']))
      .go({ order: 'desc', limit: query.limit, cursor }),
  );
  return { items: page.data.filter(inReview).map(toReviewItem), cursor: page.cursor };
}

class NotInReviewError extends ConflictError {
  constructor(status: string) {
    super('not_in_review', 'This message is no longer awaiting review', { status });
  }
}

/** A message awaiting review: 404 when unknown, 409 `not_in_review` when it was handled already. */
async function readReviewed(messageId: string): Promise<InboundMessageItem & { status: ReviewStatus }> {
  const { data } = await InboundMessage.get({ messageId }).go();
  if (!data) throw new NotFoundError('No such message');
  if (!inReview(data)) throw new NotInReviewError(data.status);
  return data;
}

/** One review item with a 60 s link that downloads its raw MIME as `message-<id>.eml`. */
export async function getReviewItem(messageId: string): Promise<ReviewItem & { download: { url: string; expiresAt: string } }> {
  const item = await readReviewed(messageId);
  const download = await presignDownload({ bucket: item.bucket, key: item.key, fileName: `message-${item.messageId}.eml`, contentType: 'message/rfc822' });
  return { ...toReviewItem(item), download };
}

/** The SES receipt record the pipeline takes, rebuilt from what was stored when the mail arrived. */
export function sesRecordFor(item: InboundMessageItem): SesInboundRecord {
  const to = item.to ?? [];
  const verdict = (status: string | undefined) => (status ? { status } : undefined);
  const v = item.verdicts ?? {};
  return {
    eventSource: 'aws:ses',
    ses: {
      mail: {
        messageId: item.messageId,
        timestamp: item.receivedAt,
        source: item.from ?? '',
        destination: to,
        commonHeaders: {
          ...(item.subject !== undefined ? { subject: item.subject } : {}),
          ...(item.headerMessageId ? { messageId: item.headerMessageId } : {}),
          from: item.from ? [item.from] : [],
          to,
        },
      },
      receipt: {
        recipients: to,
        spamVerdict: verdict(v.spam),
        virusVerdict: verdict(v.virus),
        spfVerdict: verdict(v.spf),
        dkimVerdict: verdict(v.dkim),
        dmarcVerdict: verdict(v.dmarc),
      },
    },
  };
}

/** Runs the inbound pipeline again with the verdict check skipped (release; for failed mail: a retry); answers what it did. */
export async function releaseReviewItem(messageId: string): Promise<ReleaseResult> {
  const item = await readReviewed(messageId);
  const outcome = await processInboundMail(sesRecordFor(item), { release: true });
  const { data: after } = await InboundMessage.get({ messageId }).go();
  return { messageId, outcome: String(outcome), status: after?.status ?? 'unknown', ticketId: after?.ticketId ?? null };
}

/**
 * Deletes a reviewed message: the record leaves the review list (status `rejected`, reason
 * `deleted_by_admin`, conditioned on it still awaiting review), then its raw object goes.
 */
export async function deleteReviewItem(messageId: string): Promise<void> {
  const item = await readReviewed(messageId);
  try {
    await InboundMessage.patch({ messageId })
      .set({ status: 'rejected', reason: 'deleted_by_admin', processedAt: new Date().toISOString() })
      .remove(['review'])
      .where(({ status, review: r }, { eq, exists }) => `${eq(status, item.status as InboundMessageItem['status'])} AND ${exists(r)}`)
      .go();
  } catch (err) {
    if (isConditionalCheckFailed(err)) throw new NotInReviewError('changed');
    throw err;
  }
  const { client, sdk } = await s3();
  await client.send(new sdk.DeleteObjectCommand({ Bucket: item.bucket, Key: item.key }));
}

/** Deletes several held messages, one by one as above; unknown or already handled ones are reported, not failed. */
export async function deleteReviewItems(messageIds: readonly string[]): Promise<DeleteReviewBatchResult> {
  const result: DeleteReviewBatchResult = { deleted: [], skipped: [] };
  for (const messageId of messageIds) {
    try {
      await deleteReviewItem(messageId);
      result.deleted.push(messageId);
    } catch (err) {
      if (err instanceof NotFoundError) result.skipped.push({ messageId, code: 'not_found' });
      else if (err instanceof NotInReviewError) result.skipped.push({ messageId, code: 'not_in_review' });
      else throw err;
    }
  }
  return result;
}
