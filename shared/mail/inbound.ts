import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { s3 } from '../aws/s3.js';
import { parseEnv } from '../config.js';
import { documentClient } from '../db/client.js';
import { InboundMessage, type InboundMessageItem } from '../db/entities/inbound-message.js';
import { isConditionalCheckFailed } from '../db/errors.js';
import { keepFirst, type CreateParams } from '../db/keep-first.js';
import type { SesInboundRecord } from './ses-event.js';

const env = parseEnv(
  z.object({
    INBOUND_BUCKET: z.string().min(1).default('cloudmanager-inbound'),
    INBOUND_PREFIX: z.string().default('inbound/'),
  }),
);

/** `Zed <zed@example.com>` → `zed@example.com` (SES commonHeaders keep the display form). */
export function addressOf(header: string): string {
  return (/<([^<>\s]+@[^<>\s]+)>/.exec(header)?.[1] ?? header).trim().toLowerCase();
}

/** Where SES's S3 action (or the local SMTP listener) put the raw MIME for this message. */
export function rawMessageLocation(messageId: string) {
  return { bucket: env.INBOUND_BUCKET, key: `${env.INBOUND_PREFIX}${messageId}` };
}

/** The raw MIME, opened but not yet read: its size (S3's Content-Length) first, the bytes on demand. */
export interface RawMessage {
  sizeBytes: number;
  read(): Promise<Uint8Array>;
  /** Closes the body unread (a duplicate, a verdict, an oversize mail); harmless after `read`. */
  discard(): void;
}

/** Opens the stored raw message of this SES message id (one GetObject; the body streams only when read). */
export async function openRawMessage(messageId: string): Promise<RawMessage> {
  const { bucket, key } = rawMessageLocation(messageId);
  const { client, sdk } = await s3();
  const got = await client.send(new sdk.GetObjectCommand({ Bucket: bucket, Key: key }));
  const body = got.Body;
  if (!body) throw new Error(`raw message ${key} is empty`);
  // An unread body whose connection drops must not raise an unhandled 'error'.
  (body as { on?: (event: string, listener: () => void) => void }).on?.('error', () => undefined);
  let used = false;
  return {
    sizeBytes: got.ContentLength ?? 0,
    read: () => {
      used = true;
      return body.transformToByteArray();
    },
    discard: () => {
      if (used) return;
      used = true;
      (body as { destroy?: () => void }).destroy?.();
    },
  };
}

/**
 * Records one received email and claims it for this run (status `processing`) in ONE write, keyed
 * by the SES message id so redelivery never duplicates it. The record comes from the headers SES
 * already parsed (commonHeaders) and the stored object's size; a record that exists keeps what it
 * was first written with. The claim is taken when the record is new, `received`, `failed`, or
 * `processing` by a run whose lease ran out (`leaseStart`); with `release` (admin release,
 * mail:replay) whatever the status but `processed`. Undefined: another run has it, or it is done.
 */
export async function claimInboundMail(record: SesInboundRecord, sizeBytes: number, options: { release: boolean; leaseStart: string; now: string }): Promise<InboundMessageItem | undefined> {
  const { mail, receipt } = record.ses;
  const { bucket, key } = rawMessageLocation(mail.messageId);
  const verdicts = Object.fromEntries(
    Object.entries({
      spam: receipt.spamVerdict?.status,
      virus: receipt.virusVerdict?.status,
      spf: receipt.spfVerdict?.status,
      dkim: receipt.dkimVerdict?.status,
      dmarc: receipt.dmarcVerdict?.status,
    }).filter(([, v]) => v !== undefined),
  );
  const created = InboundMessage.create({
    messageId: mail.messageId,
    receivedAt: new Date(mail.timestamp).toISOString(),
    bucket,
    key,
    sizeBytes,
    from: addressOf(mail.commonHeaders?.from?.[0] ?? mail.source),
    to: (mail.commonHeaders?.to?.length ? mail.commonHeaders.to : receipt.recipients).map(addressOf),
    ...(mail.commonHeaders?.subject !== undefined ? { subject: mail.commonHeaders.subject } : {}),
    ...(mail.commonHeaders?.messageId ? { headerMessageId: mail.commonHeaders.messageId } : {}),
    verdicts,
    status: 'processing',
    claimedAt: options.now,
  }).params<CreateParams>();
  // gsi2pk is left out: ElectroDB writes `$cm#review_` for a record without `review`, which would
  // put every mail in the review index; the final status sets it (with `review`) for spam/quarantine.
  const { sets, ...update } = keepFirst(created, ['status', 'claimedAt', 'gsi2pk']);
  const claimable = options.release
    ? '#status <> :processed'
    : '#status IN (:received, :failed) OR (#status = :processing AND (attribute_not_exists(#claimedAt) OR #claimedAt < :leaseStart))';
  try {
    const { Attributes } = await documentClient.send(
      new UpdateCommand({
        ...update,
        UpdateExpression: `SET ${[...sets, '#status = :processing', '#claimedAt = :now'].join(', ')} ADD #attempts :one`,
        ConditionExpression: `attribute_not_exists(#pk) OR ${claimable}`,
        ExpressionAttributeNames: { ...update.ExpressionAttributeNames, '#pk': 'pk', '#status': 'status', '#claimedAt': 'claimedAt', '#attempts': 'attempts' },
        ExpressionAttributeValues: {
          ...update.ExpressionAttributeValues,
          ':processing': 'processing',
          ':now': options.now,
          ':one': 1,
          ...(options.release ? { ':processed': 'processed' } : { ':received': 'received', ':failed': 'failed', ':leaseStart': options.leaseStart }),
        },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return InboundMessage.parse({ Item: Attributes ?? {} }).data ?? undefined;
  } catch (err) {
    if (isConditionalCheckFailed(err)) return undefined;
    throw err;
  }
}
