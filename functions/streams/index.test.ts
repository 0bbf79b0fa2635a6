import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { processStream } from './index.js';

const ddb = mockClient(DynamoDBDocumentClient);
afterEach(() => ddb.reset());

function record(seq: string, eventName: 'INSERT' | 'MODIFY' | 'REMOVE', entity: string): DynamoDBRecord {
  const image = marshall({ pk: `$cm#${entity}_${seq}`, sk: '$x', __edb_e__: entity, __edb_v__: '1' }) as never;
  return {
    eventID: `evt-${seq}`,
    eventName,
    eventSource: 'aws:dynamodb',
    dynamodb: {
      SequenceNumber: seq,
      StreamViewType: 'NEW_AND_OLD_IMAGES',
      ...(eventName !== 'INSERT' ? { OldImage: image } : {}),
      ...(eventName !== 'REMOVE' ? { NewImage: image } : {}),
    },
  };
}

const event = (...records: DynamoDBRecord[]): DynamoDBStreamEvent => ({ Records: records });

describe('stream consumer', () => {
  it('counts inserted and removed entity items, in one transaction with a dedup mark each', async () => {
    ddb.on(TransactWriteCommand).resolves({});
    const result = await processStream(event(record('1', 'INSERT', 'organisation'), record('2', 'MODIFY', 'organisation'), record('3', 'REMOVE', 'inboundMessage')));
    expect(result.batchItemFailures).toEqual([]);
    const calls = ddb.commandCalls(TransactWriteCommand);
    expect(calls).toHaveLength(2);
    const [first, second] = calls.map((c) => c.args[0].input.TransactItems!);
    expect(first![0]!.Put?.ConditionExpression).toMatch(/attribute_not_exists/);
    expect(first![1]!.Update?.ExpressionAttributeValues).toEqual(expect.objectContaining({ ':value_u0': 1 }));
    expect(second![1]!.Update?.ExpressionAttributeValues).toEqual(expect.objectContaining({ ':value_u0': -1 }));
  });

  it('ignores bookkeeping entities', async () => {
    const result = await processStream(event(record('1', 'INSERT', 'counter'), record('2', 'INSERT', 'streamMark')));
    expect(result.batchItemFailures).toEqual([]);
    expect(ddb.commandCalls(TransactWriteCommand)).toHaveLength(0);
  });

  it('treats an already-marked record as a duplicate, not a failure', async () => {
    ddb.on(TransactWriteCommand).rejects(
      new TransactionCanceledException({
        message: 'Transaction cancelled',
        $metadata: {},
        CancellationReasons: [{ Code: 'ConditionalCheckFailed' }, { Code: 'None' }],
      }),
    );
    const result = await processStream(event(record('7', 'INSERT', 'organisation')));
    expect(result.batchItemFailures).toEqual([]);
  });

  it('stops at the first failure and reports it and everything after it', async () => {
    ddb.on(TransactWriteCommand).resolvesOnce({}).rejects(new Error('throttled'));
    const result = await processStream(event(record('1', 'INSERT', 'organisation'), record('2', 'INSERT', 'organisation'), record('3', 'INSERT', 'organisation')));
    expect(result.batchItemFailures).toEqual([{ itemIdentifier: '2' }, { itemIdentifier: '3' }]);
    expect(ddb.commandCalls(TransactWriteCommand)).toHaveLength(2);
  });
});
