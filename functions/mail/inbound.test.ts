import { readFileSync } from 'node:fs';
import { HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { lambdaContext } from '../../events/lambda-context.js';
import { addressOf, recordInboundMail } from '../../shared/mail/inbound.js';
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

describe('recording a received mail', () => {
  const record = sesInboundEvent.parse(sesEvent).Records[0]!;

  it('records it once as `received` from the headers SES parsed and the stored size, without reading the body', async () => {
    s3.on(HeadObjectCommand).resolves({ ContentLength: 2048 });
    ddb.on(PutCommand).resolves({});
    expect(await recordInboundMail(record)).toBe('stored');
    expect(s3.commandCalls(HeadObjectCommand)[0]!.args[0].input).toMatchObject({ Key: `inbound/${messageId}` });
    const put = ddb.commandCalls(PutCommand)[0]!.args[0].input;
    expect(put.ConditionExpression).toMatch(/attribute_not_exists/);
    expect(put.Item).toMatchObject({
      messageId,
      status: 'received',
      from: 'sender@example.com',
      to: ['recipient@example.com'],
      subject: 'This is a test',
      sizeBytes: 2048,
      verdicts: expect.objectContaining({ virus: 'PASS', spam: 'PASS' }),
    });
  });

  it('answers `duplicate` for a redelivered message', async () => {
    s3.on(HeadObjectCommand).resolves({ ContentLength: 2048 });
    ddb.on(PutCommand).rejects(new ConditionalCheckFailedException({ message: 'exists', $metadata: {} }));
    expect(await recordInboundMail(record)).toBe('duplicate');
  });

  it('reads the address out of a display-form header', () => {
    expect(addressOf('"Doe, John" <Sender@Example.com>')).toBe('sender@example.com');
    expect(addressOf('plain@example.com')).toBe('plain@example.com');
  });
});
