import { readFileSync } from 'node:fs';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { lambdaContext } from '../../events/lambda-context.js';
import { addressOf, claimInboundMail, openRawMessage } from '../../shared/mail/inbound.js';
import { sesInboundEvent } from '../../shared/mail/ses-event.js';

const processInboundMail = vi.hoisted(() => vi.fn());
vi.mock('../../shared/mail/intake.js', () => ({ processInboundMail }));
const { handler } = await import('./inbound.js');

const s3 = mockClient(S3Client);
const ddb = mockClient(DynamoDBDocumentClient);
afterEach(() => {
  s3.reset();
  ddb.reset();
  processInboundMail.mockReset();
});

const corpus = new URL('../../../shared/corpus/', import.meta.url);
const sesEvent = JSON.parse(readFileSync(new URL('ses/lambda-action-event.json', corpus), 'utf8'));
const messageId: string = sesEvent.Records[0].ses.mail.messageId;

describe('inbound mail handler', () => {
  it('hands each SES record to the pipeline and answers its outcome', async () => {
    processInboundMail.mockResolvedValue('created');
    const result = await handler(sesEvent, lambdaContext('mail-inbound'));
    expect(result.outcomes).toEqual(['created']);
    expect(processInboundMail.mock.calls[0]![0].ses.mail.messageId).toBe(messageId);
  });

  it('rejects an event that is not an SES receipt, processing nothing', async () => {
    await expect(handler({ Records: [] }, lambdaContext('mail-inbound'))).rejects.toThrow();
    expect(processInboundMail).not.toHaveBeenCalled();
  });
});

describe('recording and claiming a received mail', () => {
  const record = sesInboundEvent.parse(sesEvent).Records[0]!;
  const times = { release: false, now: '2026-03-02T10:00:00.000Z', leaseStart: '2026-03-02T09:58:30.000Z' };

  it('opens the stored message for its size without reading the body', async () => {
    const destroy = vi.fn();
    const transformToByteArray = vi.fn();
    s3.on(GetObjectCommand).resolves({ ContentLength: 2048, Body: { transformToByteArray, destroy } as never });
    const raw = await openRawMessage(messageId);
    expect(raw.sizeBytes).toBe(2048);
    expect(s3.commandCalls(GetObjectCommand)[0]!.args[0].input).toMatchObject({ Key: `inbound/${messageId}` });
    raw.discard();
    expect(destroy).toHaveBeenCalledOnce();
    expect(transformToByteArray).not.toHaveBeenCalled();
  });

  it('records and claims it in one write: fields from the headers SES parsed, kept as first written', async () => {
    ddb.on(UpdateCommand).resolves({ Attributes: {} });
    await claimInboundMail(record, 2048, times);
    const update = ddb.commandCalls(UpdateCommand)[0]!.args[0].input;
    const values = Object.values(update.ExpressionAttributeValues ?? {});
    expect(values).toEqual(expect.arrayContaining([messageId, 'sender@example.com', ['recipient@example.com'], 'This is a test', 2048, expect.objectContaining({ virus: 'PASS', spam: 'PASS' })]));
    expect(update.UpdateExpression).toMatch(/if_not_exists/);
    // Not in the review index until a verdict puts it there (the final status sets gsi2pk with `review`).
    expect(Object.values(update.ExpressionAttributeNames ?? {})).not.toContain('gsi2pk');
    expect(Object.values(update.ExpressionAttributeNames ?? {})).toContain('gsi2sk');
    expect(update.UpdateExpression).toMatch(/#status = :processing, #claimedAt = :now ADD #attempts :one$/);
    expect(update.ConditionExpression).toBe('attribute_not_exists(#pk) OR #status IN (:received, :failed) OR (#status = :processing AND (attribute_not_exists(#claimedAt) OR #claimedAt < :leaseStart))');
    expect(update.ExpressionAttributeValues).toMatchObject({ ':now': times.now, ':leaseStart': times.leaseStart });
  });

  it('answers undefined when another run holds it or it is done (the condition failed)', async () => {
    ddb.on(UpdateCommand).rejects(new ConditionalCheckFailedException({ message: 'held', $metadata: {} }));
    expect(await claimInboundMail(record, 2048, times)).toBeUndefined();
  });

  it('a release takes it whatever the status but processed', async () => {
    ddb.on(UpdateCommand).resolves({ Attributes: {} });
    await claimInboundMail(record, 2048, { ...times, release: true });
    const update = ddb.commandCalls(UpdateCommand)[0]!.args[0].input;
    expect(update.ConditionExpression).toBe('attribute_not_exists(#pk) OR #status <> :processed');
  });

  it('reads the address out of a display-form header', () => {
    expect(addressOf('"Doe, John" <Sender@Example.com>')).toBe('sender@example.com');
    expect(addressOf('plain@example.com')).toBe('plain@example.com');
  });
});
