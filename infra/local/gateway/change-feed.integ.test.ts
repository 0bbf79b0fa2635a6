import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DeleteCommand, PutCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DeliveryFailure, Subscription } from './index.js';
import { REGION, startTwin, type Twin } from './test-harness.js';

const TABLE = 'streamed';
const QUIET = 'not-streamed';
let twin: Twin;
let dir: string;
const subscriptions: Subscription[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gateway-feed-'));
  twin = await startTwin({ tables: { [TABLE]: { stream: true } }, dlqFile: join(dir, 'dlq.jsonl') }, [TABLE, QUIET]);
});
afterEach(async () => {
  await twin.gateway.feed.drain();
  for (const s of subscriptions.splice(0)) s.unsubscribe();
});
afterAll(async () => {
  await twin?.close();
  await rm(dir, { recursive: true, force: true });
});

const key = (pk: string, sk = 'item') => ({ pk, sk });
const put = (pk: string, attributes: Record<string, unknown> = {}, table = TABLE) =>
  twin.doc.send(new PutCommand({ TableName: table, Item: { ...key(pk), ...attributes } }));
const last = () => twin.gateway.feed.records().at(-1)?.dynamodb?.SequenceNumber ?? '';
/** What each record says, in order: event name, key, old image, new image (plain JSON). */
const summary = (records: DynamoDBRecord[]) =>
  records.map((r) => ({
    event: r.eventName,
    pk: r.dynamodb?.Keys?.pk?.S,
    old: r.dynamodb?.OldImage,
    new: r.dynamodb?.NewImage,
  }));

/** Subscribes a consumer that collects every event it is given. */
function collect(options: Parameters<Twin['gateway']['feed']['subscribe']>[1] = {}) {
  const events: DynamoDBStreamEvent[] = [];
  subscriptions.push(
    twin.gateway.feed.subscribe(async (event) => {
      events.push(event);
    }, options),
  );
  return events;
}

describe('change records', () => {
  it('delivers INSERT, MODIFY and REMOVE in order, shaped like a DynamoDB Streams Lambda event', async () => {
    const events = collect();

    await put('life', { n: 1 });
    await twin.doc.send(new UpdateCommand({ TableName: TABLE, Key: key('life'), UpdateExpression: 'SET n = :n', ExpressionAttributeValues: { ':n': 2 } }));
    await twin.doc.send(new DeleteCommand({ TableName: TABLE, Key: key('life') }));
    await twin.gateway.feed.drain();

    const records = events.flatMap((e) => e.Records);
    expect(summary(records)).toEqual([
      { event: 'INSERT', pk: 'life', old: undefined, new: { pk: { S: 'life' }, sk: { S: 'item' }, n: { N: '1' } } },
      { event: 'MODIFY', pk: 'life', old: { pk: { S: 'life' }, sk: { S: 'item' }, n: { N: '1' } }, new: { pk: { S: 'life' }, sk: { S: 'item' }, n: { N: '2' } } },
      { event: 'REMOVE', pk: 'life', old: { pk: { S: 'life' }, sk: { S: 'item' }, n: { N: '2' } }, new: undefined },
    ]);
    const first = records[0]!;
    expect(first).toMatchObject({
      eventVersion: '1.1',
      eventSource: 'aws:dynamodb',
      awsRegion: REGION,
      eventSourceARN: expect.stringMatching(new RegExp(`^arn:aws:dynamodb:${REGION}:000000000000:table/${TABLE}/stream/\\d{4}-\\d\\d-\\d\\dT`)),
      dynamodb: {
        Keys: { pk: { S: 'life' }, sk: { S: 'item' } },
        StreamViewType: 'NEW_AND_OLD_IMAGES',
        ApproximateCreationDateTime: expect.any(Number),
        SizeBytes: expect.any(Number),
      },
    });
    expect(first.eventID).toMatch(/^[0-9a-f]{32}$/);
    expect(first.userIdentity).toBeUndefined();
    const sequence = records.map((r) => r.dynamodb?.SequenceNumber ?? '');
    expect(sequence.every((s) => /^\d{21}$/.test(s))).toBe(true);
    expect([...sequence].sort()).toEqual(sequence);
    expect(new Set(sequence).size).toBe(3);
  });

  it('emits nothing for writes that change nothing or are rejected, nor for tables without a stream', async () => {
    await put('still', { n: 1 });
    const since = last();

    await twin.doc.send(new DeleteCommand({ TableName: TABLE, Key: key('never-existed') }));
    await put('still', { n: 1 });
    await twin.doc
      .send(new PutCommand({ TableName: TABLE, Item: { ...key('still'), n: 5 }, ConditionExpression: 'attribute_not_exists(pk)' }))
      .catch((err: Error) => expect(err.name).toBe('ConditionalCheckFailedException'));
    await twin.doc
      .send(new TransactWriteCommand({
        TransactItems: [
          { Put: { TableName: TABLE, Item: { ...key('cancelled'), n: 1 } } },
          { ConditionCheck: { TableName: TABLE, Key: key('still'), ConditionExpression: 'n = :zero', ExpressionAttributeValues: { ':zero': 0 } } },
        ],
      }))
      .catch((err: Error) => expect(err.name).toBe('TransactionCanceledException'));
    await put('quiet', { n: 1 }, QUIET);

    expect(twin.gateway.feed.records(since)).toEqual([]);
  });

  it('emits one record per transaction action (not for ConditionCheck), with images', async () => {
    await put('tx-update', { n: 1 });
    await put('tx-delete', { n: 1 });
    await put('tx-check', { n: 1 });
    const since = last();

    await twin.doc.send(
      new TransactWriteCommand({
        TransactItems: [
          { Put: { TableName: TABLE, Item: { ...key('tx-put'), n: 1 } } },
          { Update: { TableName: TABLE, Key: key('tx-update'), UpdateExpression: 'SET n = :n', ExpressionAttributeValues: { ':n': 2 } } },
          { ConditionCheck: { TableName: TABLE, Key: key('tx-check'), ConditionExpression: 'attribute_exists(pk)' } },
          { Delete: { TableName: TABLE, Key: key('tx-delete') } },
          { Put: { TableName: QUIET, Item: { ...key('tx-quiet'), n: 1 } } },
        ],
      }),
    );

    expect(summary(twin.gateway.feed.records(since))).toEqual([
      { event: 'INSERT', pk: 'tx-put', old: undefined, new: { pk: { S: 'tx-put' }, sk: { S: 'item' }, n: { N: '1' } } },
      { event: 'MODIFY', pk: 'tx-update', old: { pk: { S: 'tx-update' }, sk: { S: 'item' }, n: { N: '1' } }, new: { pk: { S: 'tx-update' }, sk: { S: 'item' }, n: { N: '2' } } },
      { event: 'REMOVE', pk: 'tx-delete', old: { pk: { S: 'tx-delete' }, sk: { S: 'item' }, n: { N: '1' } }, new: undefined },
    ]);
  });

  it('emits one record per BatchWriteItem put or delete', async () => {
    await put('batch-replace', { n: 1 });
    await put('batch-delete', { n: 1 });
    const since = last();

    await twin.doc.send(
      new BatchWriteCommand({
        RequestItems: {
          [TABLE]: [
            { PutRequest: { Item: { ...key('batch-new'), n: 1 } } },
            { PutRequest: { Item: { ...key('batch-replace'), n: 2 } } },
            { DeleteRequest: { Key: key('batch-delete') } },
            { DeleteRequest: { Key: key('batch-missing') } },
          ],
          [QUIET]: [{ PutRequest: { Item: { ...key('batch-quiet'), n: 1 } } }],
        },
      }),
    );

    expect(summary(twin.gateway.feed.records(since)).map((r) => [r.event, r.pk, r.old?.n?.N, r.new?.n?.N])).toEqual([
      ['INSERT', 'batch-new', undefined, '1'],
      ['MODIFY', 'batch-replace', '1', '2'],
      ['REMOVE', 'batch-delete', '1', undefined],
    ]);
  });

  it('describes the stream in DescribeTable', async () => {
    const { Table } = await twin.client.send(new DescribeTableCommand({ TableName: TABLE }));
    expect(Table?.StreamSpecification).toEqual({ StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' });
    expect(Table?.LatestStreamArn).toBe(`arn:aws:dynamodb:${REGION}:000000000000:table/${TABLE}/stream/${Table?.LatestStreamLabel}`);
    const quiet = await twin.client.send(new DescribeTableCommand({ TableName: QUIET }));
    expect(quiet.Table?.StreamSpecification).toBeUndefined();
  });
});

describe('consumers', () => {
  it('delivers in order in batches of at most batchSize', async () => {
    const events = collect({ batchSize: 2 });
    for (let i = 0; i < 5; i += 1) await put(`batched-${i}`);
    await twin.gateway.feed.drain();

    expect(events.every((e) => e.Records.length >= 1 && e.Records.length <= 2)).toBe(true);
    expect(events.flatMap((e) => e.Records.map((r) => r.dynamodb?.Keys?.pk?.S))).toEqual([
      'batched-0',
      'batched-1',
      'batched-2',
      'batched-3',
      'batched-4',
    ]);
  });

  it('retries a consumer that throws and then succeeds, without dead-lettering', async () => {
    const attempts: string[][] = [];
    subscriptions.push(
      twin.gateway.feed.subscribe(async (event) => {
        attempts.push(event.Records.map((r) => r.dynamodb?.Keys?.pk?.S ?? ''));
        if (attempts.length <= 2) throw new Error('downstream unavailable');
      }, { maxRetries: 3 }),
    );
    const deadBefore = twin.gateway.feed.deadLetters.length;

    await put('flaky');
    await twin.gateway.feed.drain();

    expect(attempts).toEqual([['flaky'], ['flaky'], ['flaky']]);
    expect(twin.gateway.feed.deadLetters.length).toBe(deadBefore);
  });

  it('after maxRetries sends the batch to the on-failure sink and the DLQ file, then moves on', async () => {
    const failures: DeliveryFailure[] = [];
    const delivered: string[] = [];
    let calls = 0;
    subscriptions.push(
      twin.gateway.feed.subscribe(
        async (event) => {
          calls += 1;
          const keys = event.Records.map((r) => r.dynamodb?.Keys?.pk?.S ?? '');
          if (keys.includes('poison')) throw new Error('cannot handle poison');
          delivered.push(...keys);
        },
        { name: 'audit', batchSize: 1, maxRetries: 2, onFailure: (f) => void failures.push(f) },
      ),
    );

    await put('poison');
    await put('after-poison');
    await twin.gateway.feed.drain();

    expect(calls).toBe(4); // 1 attempt + 2 retries for poison, then 1 for after-poison
    expect(delivered).toEqual(['after-poison']);
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatchObject({ consumer: 'audit', attempts: 3, condition: 'error', errorMessage: 'cannot handle poison' });
    expect(failures[0]?.records.map((r) => r.dynamodb?.Keys?.pk?.S)).toEqual(['poison']);
    expect(twin.gateway.feed.deadLetters.at(-1)).toEqual(failures[0]);

    const lines = (await readFile(join(dir, 'dlq.jsonl'), 'utf8')).trim().split('\n');
    const fromFile: unknown = JSON.parse(lines.at(-1) ?? '{}');
    expect(fromFile).toEqual(failures[0]);
  });

  it('retries from the first reported batchItemFailure, like Lambda with ReportBatchItemFailures', async () => {
    const attempts: string[][] = [];
    subscriptions.push(
      twin.gateway.feed.subscribe(
        async (event) => {
          attempts.push(event.Records.map((r) => r.dynamodb?.Keys?.pk?.S ?? ''));
          const second = event.Records.find((r) => r.dynamodb?.Keys?.pk?.S === 'partial-2');
          if (attempts.length === 1 && second) return { batchItemFailures: [{ itemIdentifier: second.dynamodb?.SequenceNumber ?? '' }] };
          return { batchItemFailures: [] };
        },
        { batchSize: 3 },
      ),
    );

    await twin.doc.send(
      new BatchWriteCommand({
        RequestItems: { [TABLE]: ['partial-1', 'partial-2', 'partial-3'].map((pk) => ({ PutRequest: { Item: key(pk) } })) },
      }),
    );
    await twin.gateway.feed.drain();

    expect(attempts).toEqual([
      ['partial-1', 'partial-2', 'partial-3'],
      ['partial-2', 'partial-3'],
    ]);
  });

  it('dead-letters the records still failing after the retries of a partial batch response', async () => {
    const failures: DeliveryFailure[] = [];
    subscriptions.push(
      twin.gateway.feed.subscribe(
        async (event) => ({
          batchItemFailures: event.Records.filter((r) => r.dynamodb?.Keys?.pk?.S === 'stubborn-2').map((r) => ({
            itemIdentifier: r.dynamodb?.SequenceNumber ?? '',
          })),
        }),
        { batchSize: 3, maxRetries: 1, onFailure: (f) => void failures.push(f) },
      ),
    );

    await twin.doc.send(
      new BatchWriteCommand({
        RequestItems: { [TABLE]: ['stubborn-1', 'stubborn-2', 'stubborn-3'].map((pk) => ({ PutRequest: { Item: key(pk) } })) },
      }),
    );
    await twin.gateway.feed.drain();

    expect(failures).toHaveLength(1);
    expect(failures[0]?.condition).toBe('batchItemFailures');
    expect(failures[0]?.attempts).toBe(2);
    expect(failures[0]?.records.map((r) => r.dynamodb?.Keys?.pk?.S)).toEqual(['stubborn-2', 'stubborn-3']);
  });

  it('lets a consumer write through the gateway; drain() waits for the records that causes', async () => {
    subscriptions.push(
      twin.gateway.feed.subscribe(
        async (event) => {
          for (const record of event.Records) {
            if (record.eventName !== 'INSERT' || record.dynamodb?.Keys?.sk?.S !== 'order') continue;
            await twin.doc.send(
              new UpdateCommand({
                TableName: TABLE,
                Key: key('stats', 'orders'),
                UpdateExpression: 'ADD #count :one',
                ExpressionAttributeNames: { '#count': 'count' },
                ExpressionAttributeValues: { ':one': 1 },
              }),
            );
          }
        },
        { name: 'aggregates' },
      ),
    );
    const seen = collect({ name: 'observer' });

    await twin.doc.send(new PutCommand({ TableName: TABLE, Item: key('o-1', 'order') }));
    await twin.doc.send(new PutCommand({ TableName: TABLE, Item: key('o-2', 'order') }));
    await twin.gateway.feed.drain();

    const stats = seen.flatMap((e) => e.Records).filter((r) => r.dynamodb?.Keys?.pk?.S === 'stats');
    expect(stats.map((r) => [r.eventName, r.dynamodb?.NewImage?.count?.N])).toEqual([
      ['INSERT', '1'],
      ['MODIFY', '2'],
    ]);
  });

  it('starts from LATEST by default and from TRIM_HORIZON when asked', async () => {
    await put('horizon');
    const fromHorizon = collect({ startingPosition: 'TRIM_HORIZON' });
    const fromLatest = collect();
    await put('after-subscribe');
    await twin.gateway.feed.drain();

    const horizonKeys = fromHorizon.flatMap((e) => e.Records.map((r) => r.dynamodb?.Keys?.pk?.S));
    expect(horizonKeys).toContain('horizon');
    expect(horizonKeys.at(-1)).toBe('after-subscribe');
    expect(fromLatest.flatMap((e) => e.Records.map((r) => r.dynamodb?.Keys?.pk?.S))).toEqual(['after-subscribe']);
  });

  it('delivers only the tables a consumer asked for', async () => {
    const elsewhere = collect({ tables: ['elsewhere'] });
    const here = collect({ tables: [TABLE] });
    await put('filtered');
    await twin.gateway.feed.drain();

    expect(elsewhere).toEqual([]);
    expect(here.flatMap((e) => e.Records.map((r) => r.dynamodb?.Keys?.pk?.S))).toEqual(['filtered']);
  });
});
