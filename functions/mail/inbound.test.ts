import { readFileSync } from 'node:fs';
import { GetObjectCommand, HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { lambdaContext } from '../../events/lambda-context.js';
import { addressOf } from '../../shared/mail/inbound.js';
import { handler } from './inbound.js';

const s3 = mockClient(S3Client);
const ddb = mockClient(DynamoDBDocumentClient);
afterEach(() => {
  s3.reset();
  ddb.reset();
});

const corpus = new URL('../../../shared/corpus/', import.meta.url);
const sesEvent = JSON.parse(readFileSync(new URL('ses/lambda-action-event.json', corpus), 'utf8'));
const messageId: string = sesEvent.Records[0].ses.mail.messageId;

function withVerdict(virus: string) {
  const event = structuredClone(sesEvent);
  event.Records[0].ses.receipt.virusVerdict = { status: virus };
  return event;
}

describe('inbound mail handler', () => {
  it('records a received message against its raw MIME, from the headers SES parsed, without reading it', async () => {
    // Prepare
    s3.on(HeadObjectCommand).resolves({ ContentLength: 2048 });
    ddb.on(PutCommand).resolves({});

    // Act
    const result = await handler(sesEvent, lambdaContext('mail-inbound'));

    // Assess
    expect(result.outcomes).toEqual(['stored']);
    expect(s3.commandCalls(HeadObjectCommand)[0]!.args[0].input).toMatchObject({ Key: `inbound/${messageId}` });
    expect(s3.commandCalls(GetObjectCommand)).toHaveLength(0);
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

  it('quarantines virus-flagged mail', async () => {
    s3.on(HeadObjectCommand).resolves({ ContentLength: 2048 });
    ddb.on(PutCommand).resolves({});
    const result = await handler(withVerdict('FAIL'), lambdaContext('mail-inbound'));
    expect(result.outcomes).toEqual(['quarantined']);
    expect(ddb.commandCalls(PutCommand)[0]!.args[0].input.Item).toMatchObject({ status: 'quarantined', reason: 'virus' });
  });

  it('quarantines mail over the size limit (30 MB by default)', async () => {
    s3.on(HeadObjectCommand).resolves({ ContentLength: 31 * 1024 * 1024 });
    ddb.on(PutCommand).resolves({});
    const result = await handler(sesEvent, lambdaContext('mail-inbound'));
    expect(result.outcomes).toEqual(['oversize']);
    expect(ddb.commandCalls(PutCommand)[0]!.args[0].input.Item).toMatchObject({ status: 'quarantined', reason: 'oversize' });
  });

  it('never records a redelivered message twice', async () => {
    s3.on(HeadObjectCommand).resolves({ ContentLength: 2048 });
    ddb.on(PutCommand).rejects(new ConditionalCheckFailedException({ message: 'exists', $metadata: {} }));
    const result = await handler(sesEvent, lambdaContext('mail-inbound'));
    expect(result.outcomes).toEqual(['duplicate']);
  });

  it('rejects an event that is not an SES receipt, writing nothing', async () => {
    await expect(handler({ Records: [] }, lambdaContext('mail-inbound'))).rejects.toThrow();
    expect(ddb.commandCalls(PutCommand)).toHaveLength(0);
  });

  it('reads the address out of a display-form header', () => {
    expect(addressOf('"Doe, John" <Sender@Example.com>')).toBe('sender@example.com');
    expect(addressOf('plain@example.com')).toBe('plain@example.com');
  });
});
