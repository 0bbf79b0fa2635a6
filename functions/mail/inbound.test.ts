import { readFileSync } from 'node:fs';
import { GetObjectCommand, HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { lambdaContext } from '../../infra/local/lambda.js';
import { handler } from './inbound.js';

const s3 = mockClient(S3Client);
const ddb = mockClient(DynamoDBDocumentClient);
afterEach(() => {
  s3.reset();
  ddb.reset();
});

const corpus = new URL('../../../shared/corpus/', import.meta.url);
const sesEvent = JSON.parse(readFileSync(new URL('ses/lambda-action-event.json', corpus), 'utf8'));
const raw = readFileSync(new URL('mail/zammad/mail001.box', corpus));

function withVerdict(virus: string) {
  const event = structuredClone(sesEvent);
  event.Records[0].ses.receipt.virusVerdict = { status: virus };
  return event;
}

function serve(body: Buffer) {
  s3.on(HeadObjectCommand).resolves({ ContentLength: body.length });
  s3.on(GetObjectCommand).resolves({ Body: { transformToByteArray: async () => new Uint8Array(body) } as never });
}

describe('inbound mail handler', () => {
  it('records a received message against its raw MIME in the inbound bucket', async () => {
    serve(raw);
    ddb.on(PutCommand).resolves({});
    const result = await handler(sesEvent, lambdaContext('mail-inbound'));
    expect(result.outcomes).toEqual(['stored']);
    const messageId = sesEvent.Records[0].ses.mail.messageId;
    expect(s3.commandCalls(GetObjectCommand)[0]!.args[0].input).toMatchObject({ Key: `inbound/${messageId}` });
    const item = ddb.commandCalls(PutCommand)[0]!.args[0].input;
    expect(item.ConditionExpression).toMatch(/attribute_not_exists/);
    expect(item.Item).toMatchObject({ messageId, status: 'received', verdicts: expect.objectContaining({ virus: 'PASS' }) });
  });

  it('quarantines virus-flagged mail without reading it', async () => {
    serve(raw);
    ddb.on(PutCommand).resolves({});
    const result = await handler(withVerdict('FAIL'), lambdaContext('mail-inbound'));
    expect(result.outcomes).toEqual(['quarantined']);
    expect(s3.commandCalls(GetObjectCommand)).toHaveLength(0);
    expect(ddb.commandCalls(PutCommand)[0]!.args[0].input.Item).toMatchObject({ status: 'quarantined', reason: 'virus' });
  });

  it('never records a redelivered message twice', async () => {
    serve(raw);
    ddb.on(PutCommand).rejects(new ConditionalCheckFailedException({ message: 'exists', $metadata: {} }));
    const result = await handler(sesEvent, lambdaContext('mail-inbound'));
    expect(result.outcomes).toEqual(['duplicate']);
  });

  it('rejects an event that is not an SES receipt', async () => {
    await expect(handler({ Records: [] }, lambdaContext('mail-inbound'))).rejects.toThrow();
    expect(ddb.commandCalls(PutCommand)).toHaveLength(0);
  });
});
