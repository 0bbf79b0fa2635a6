import { GetObjectCommand, HeadObjectCommand } from '@aws-sdk/client-s3';
import PostalMime from 'postal-mime';
import { z } from 'zod';
import { parseEnv } from '../config.js';
import { s3 } from '../aws/s3.js';
import { db } from '../db/service.js';
import type { SesInboundRecord } from './ses-event.js';

const env = parseEnv(
  z.object({
    INBOUND_BUCKET: z.string().min(1).default('cloudmanager-inbound'),
    INBOUND_PREFIX: z.string().default('inbound/'),
    INBOUND_MAX_BYTES: z.coerce.number().int().positive().default(30 * 1024 * 1024),
  }),
);

export type IntakeOutcome = 'stored' | 'duplicate' | 'quarantined' | 'unparseable' | 'oversize';

function isConditionFailure(err: unknown): boolean {
  return (err as { cause?: { name?: string } }).cause?.name === 'ConditionalCheckFailedException';
}

/** Where SES's S3 action (or the local SMTP listener) put the raw MIME for this message. */
export function rawMessageLocation(messageId: string) {
  return { bucket: env.INBOUND_BUCKET, key: `${env.INBOUND_PREFIX}${messageId}` };
}

async function readHeaders(bucket: string, key: string, size: number) {
  if (size > env.INBOUND_MAX_BYTES) return { status: 'oversize' as const };
  const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  const raw = await object.Body!.transformToByteArray();
  try {
    const parsed = await PostalMime.parse(raw, { attachmentEncoding: 'arraybuffer' });
    return {
      status: 'parsed' as const,
      from: parsed.from?.address,
      to: (parsed.to ?? []).flatMap((a) => (a.address ? [a.address] : [])),
      subject: parsed.subject,
      headerMessageId: parsed.messageId,
    };
  } catch {
    return { status: 'unparseable' as const };
  }
}

/**
 * Records one received email against its raw MIME, once per SES message id. Virus-flagged mail is
 * quarantined unread. (Turning mail into tickets builds on this record.)
 */
export async function recordInboundMail(record: SesInboundRecord): Promise<IntakeOutcome> {
  const { mail, receipt } = record.ses;
  const { bucket, key } = rawMessageLocation(mail.messageId);
  const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
  const sizeBytes = head.ContentLength ?? 0;
  const verdicts = {
    spam: receipt.spamVerdict?.status,
    virus: receipt.virusVerdict?.status,
    spf: receipt.spfVerdict?.status,
    dkim: receipt.dkimVerdict?.status,
    dmarc: receipt.dmarcVerdict?.status,
  };
  const virus = verdicts.virus === 'FAIL';
  const headers = virus ? undefined : await readHeaders(bucket, key, sizeBytes);
  const status = virus ? 'quarantined' : headers?.status === 'parsed' ? 'received' : headers?.status === 'oversize' ? 'quarantined' : 'unparseable';
  const parsed = headers?.status === 'parsed' ? headers : undefined;
  try {
    await db.entities.inboundMessage
      .create({
        messageId: mail.messageId,
        receivedAt: new Date(mail.timestamp).toISOString(),
        bucket,
        key,
        sizeBytes,
        from: parsed?.from ?? mail.commonHeaders?.from?.[0] ?? mail.source,
        to: parsed?.to?.length ? parsed.to : receipt.recipients,
        subject: parsed?.subject ?? mail.commonHeaders?.subject,
        headerMessageId: parsed?.headerMessageId ?? mail.commonHeaders?.messageId,
        verdicts,
        status,
        ...(virus ? { reason: 'virus' } : headers?.status === 'oversize' ? { reason: 'oversize' } : {}),
      })
      .go();
  } catch (err) {
    if (isConditionFailure(err)) return 'duplicate';
    throw err;
  }
  if (virus) return 'quarantined';
  if (headers?.status === 'oversize') return 'oversize';
  return status === 'received' ? 'stored' : 'unparseable';
}
