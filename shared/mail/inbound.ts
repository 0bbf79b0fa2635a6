import * as z from 'zod';
import { parseEnv } from '../config.js';
import { s3 } from '../aws/s3.js';
import { InboundMessage } from '../db/entities/inbound-message.js';
import type { SesInboundRecord } from './ses-event.js';
import { isConditionalCheckFailed } from '../db/errors.js';

const env = parseEnv(
  z.object({
    INBOUND_BUCKET: z.string().min(1).default('cloudmanager-inbound'),
    INBOUND_PREFIX: z.string().default('inbound/'),
  }),
);

/** `stored`: first delivery; `duplicate`: SES (or a replay) delivered a message already recorded. */
export type RecordOutcome = 'stored' | 'duplicate';

/** `Zed <zed@example.com>` → `zed@example.com` (SES commonHeaders keep the display form). */
export function addressOf(header: string): string {
  return (/<([^<>\s]+@[^<>\s]+)>/.exec(header)?.[1] ?? header).trim().toLowerCase();
}


/** Where SES's S3 action (or the local SMTP listener) put the raw MIME for this message. */
export function rawMessageLocation(messageId: string) {
  return { bucket: env.INBOUND_BUCKET, key: `${env.INBOUND_PREFIX}${messageId}` };
}

/**
 * Records one received email against its raw MIME, once per SES message id (status `received`),
 * from the headers SES already parsed (commonHeaders) and the stored object's size. Deciding what
 * happens to it (verdicts, size, parsing) is shared/mail/intake.ts's job.
 */
export async function recordInboundMail(record: SesInboundRecord): Promise<RecordOutcome> {
  const { mail, receipt } = record.ses;
  const { bucket, key } = rawMessageLocation(mail.messageId);
  const { client, sdk } = await s3();
  const head = await client.send(new sdk.HeadObjectCommand({ Bucket: bucket, Key: key }));
  const verdicts = Object.fromEntries(
    Object.entries({
      spam: receipt.spamVerdict?.status,
      virus: receipt.virusVerdict?.status,
      spf: receipt.spfVerdict?.status,
      dkim: receipt.dkimVerdict?.status,
      dmarc: receipt.dmarcVerdict?.status,
    }).filter(([, v]) => v !== undefined),
  );
  try {
    await InboundMessage.create({
      messageId: mail.messageId,
      receivedAt: new Date(mail.timestamp).toISOString(),
      bucket,
      key,
      sizeBytes: head.ContentLength ?? 0,
      from: addressOf(mail.commonHeaders?.from?.[0] ?? mail.source),
      to: (mail.commonHeaders?.to?.length ? mail.commonHeaders.to : receipt.recipients).map(addressOf),
      ...(mail.commonHeaders?.subject !== undefined ? { subject: mail.commonHeaders.subject } : {}),
      ...(mail.commonHeaders?.messageId ? { headerMessageId: mail.commonHeaders.messageId } : {}),
      verdicts,
      status: 'received',
    }).go();
  } catch (err) {
    if (isConditionalCheckFailed(err)) return 'duplicate';
    throw err;
  }
  return 'stored';
}
