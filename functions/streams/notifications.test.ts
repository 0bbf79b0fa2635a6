import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { afterEach, describe, expect, it, vi } from 'vitest';

const applied: string[] = [];
vi.mock('../../shared/notifications/reactor.js', () => ({
  applyToNotifications: vi.fn(async (change: { eventId: string }) => {
    if (change.eventId === 'evt-2') throw new Error('SES down');
    applied.push(change.eventId);
    return ['sent'];
  }),
}));
const { processNotifications } = await import('./notifications.js');

afterEach(() => {
  applied.length = 0;
});

const record = (seq: string): DynamoDBRecord => ({
  eventID: `evt-${seq}`,
  eventName: 'INSERT',
  dynamodb: { SequenceNumber: seq, NewImage: marshall({ pk: 'p', sk: 's', __edb_e__: 'ticketEvent' }) as never },
});

describe('notifications stream consumer', () => {
  it('handles records in order and reports the failed record and everything after it for retry', async () => {
    const result = await processNotifications({ Records: [record('1'), record('2'), record('3')] });
    expect(applied).toEqual(['evt-1']);
    expect(result.batchItemFailures).toEqual([{ itemIdentifier: '2' }, { itemIdentifier: '3' }]);
  });

  it('reports nothing when every record went through', async () => {
    expect(await processNotifications({ Records: [record('1'), record('3')] })).toEqual({ batchItemFailures: [] });
    expect(applied).toEqual(['evt-1', 'evt-3']);
  });
});
