import { DescribeTimeToLiveCommand, UpdateTimeToLiveCommand } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { TTL_IDENTITY } from './index.js';
import { createTable, startTwin, type Twin } from './test-harness.js';

const TABLE = 'expiring';
let twin: Twin;

beforeAll(async () => {
  twin = await startTwin({ tables: { [TABLE]: { stream: true, ttlAttribute: 'expiresAt' } } }, [TABLE]);
});
afterAll(async () => {
  await twin?.close();
});

const key = (pk: string) => ({ pk, sk: 'item' });
const now = () => Math.floor(Date.now() / 1000);
const put = (table: string, pk: string, attributes: Record<string, unknown>) =>
  twin.doc.send(new PutCommand({ TableName: table, Item: { ...key(pk), ...attributes } }));
const exists = async (table: string, pk: string) =>
  (await twin.doc.send(new GetCommand({ TableName: table, Key: key(pk), ConsistentRead: true }))).Item !== undefined;

describe('TTL', () => {
  it('deletes only expired items and emits REMOVE records by the DynamoDB service', async () => {
    await put(TABLE, 'expired', { expiresAt: now() - 60, note: 'old' });
    await put(TABLE, 'future', { expiresAt: now() + 3600 });
    await put(TABLE, 'no-ttl', {});
    await put(TABLE, 'string-ttl', { expiresAt: String(now() - 60) });
    await put(TABLE, 'ancient', { expiresAt: now() - 6 * 365 * 24 * 3600 });
    await put(TABLE, 'milliseconds', { expiresAt: Date.now() - 60_000 });
    const since = twin.gateway.feed.records().at(-1)?.dynamodb?.SequenceNumber;

    expect(await twin.gateway.sweepNow()).toBe(1);

    expect(await exists(TABLE, 'expired')).toBe(false);
    for (const pk of ['future', 'no-ttl', 'string-ttl', 'ancient', 'milliseconds']) expect(await exists(TABLE, pk)).toBe(true);
    const records = twin.gateway.feed.records(since);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      eventName: 'REMOVE',
      userIdentity: { type: 'Service', principalId: 'dynamodb.amazonaws.com' },
      dynamodb: {
        Keys: { pk: { S: 'expired' }, sk: { S: 'item' } },
        OldImage: { pk: { S: 'expired' }, sk: { S: 'item' }, note: { S: 'old' } },
      },
    });
    expect(records[0]?.dynamodb?.NewImage).toBeUndefined();
    expect(records[0]?.userIdentity).toEqual(TTL_IDENTITY);

    expect(await twin.gateway.sweepNow()).toBe(0);
  });

  it('delivers TTL deletions to consumers', async () => {
    const removed: unknown[] = [];
    const subscription = twin.gateway.feed.subscribe(async (event) => {
      for (const r of event.Records) if (r.eventName === 'REMOVE') removed.push([r.dynamodb?.Keys?.pk?.S, r.userIdentity]);
    });
    await put(TABLE, 'expired-2', { expiresAt: now() - 1 });
    await twin.gateway.sweepNow();
    await twin.gateway.feed.drain();
    subscription.unsubscribe();

    expect(removed).toEqual([['expired-2', TTL_IDENTITY]]);
  });

  it('is enabled per table with UpdateTimeToLive and sweeps on its interval', async () => {
    const gateway = twin.gateway;
    await createTable(twin.client, 'late-ttl');
    expect((await twin.client.send(new DescribeTimeToLiveCommand({ TableName: 'late-ttl' }))).TimeToLiveDescription).toEqual({
      TimeToLiveStatus: 'DISABLED',
    });

    await twin.client.send(
      new UpdateTimeToLiveCommand({ TableName: 'late-ttl', TimeToLiveSpecification: { AttributeName: 'ttl', Enabled: true } }),
    );
    expect((await twin.client.send(new DescribeTimeToLiveCommand({ TableName: 'late-ttl' }))).TimeToLiveDescription).toEqual({
      TimeToLiveStatus: 'ENABLED',
      AttributeName: 'ttl',
    });
    await put('late-ttl', 'gone', { ttl: now() - 10 });
    expect(await gateway.sweepNow()).toBe(1);
    expect(await exists('late-ttl', 'gone')).toBe(false);
  });

  it('sweeps by itself every ttlIntervalMs', async () => {
    const timed = await startTwin({ tables: { timed: { stream: false, ttlAttribute: 'expiresAt' } }, ttlIntervalMs: 20 }, ['timed']);
    try {
      await timed.doc.send(new PutCommand({ TableName: 'timed', Item: { ...key('soon'), expiresAt: now() - 1 } }));
      await vi.waitFor(
        async () => {
          const { Item } = await timed.doc.send(new GetCommand({ TableName: 'timed', Key: key('soon'), ConsistentRead: true }));
          expect(Item).toBeUndefined();
        },
        { timeout: 10_000, interval: 20 },
      );
      expect(timed.gateway.feed.records()).toEqual([]); // stream off for this table
    } finally {
      await timed.close();
    }
  });
});
