import { DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import type { TicketItem } from '../db/entities/ticket.js';
import { resetSlaConfigCache } from './config.js';
import { slaChangeFor } from './wiring.js';

const ddb = mockClient(DynamoDBDocumentClient);
afterEach(() => {
  ddb.reset();
  resetSlaConfigCache();
});

const before = {
  ticketId: 't1', customerId: 'c1', status: 'open', priority: 'urgent', categoryId: 'cat', createdAt: '2030-03-01T16:55:00.000Z',
  sla: { policyId: 'p', calendarId: 'cal', nextResponseCycle: 0, clocks: {} }, duepk: 'sla', duesk: 'x#t1',
} as unknown as TicketItem;

describe('slaChangeFor', () => {
  it('never blocks a change when the configuration cannot be read: the SLA and due keys stay as they are', async () => {
    ddb.on(QueryCommand).rejects(new Error('throttled'));
    ddb.on(GetCommand).rejects(new Error('throttled'));
    const change = await slaChangeFor(before, { ...before, status: 'waiting_on_customer' }, '2030-03-01T17:00:00.000Z');
    expect(change.set).toEqual({});
    expect(change.remove).toEqual([]);
    // The automation timer is pure and still goes with the change.
    expect(change.also.map((i) => i.Put?.Item?.pk)).toEqual(['timer#t1#waiting-remind']);
  });

  it('drops the SLA state and due keys when no policy matches any more', async () => {
    ddb.on(QueryCommand).resolves({ Items: [] });
    ddb.on(GetCommand).resolves({});
    const change = await slaChangeFor(before, { ...before, priority: 'low' }, '2030-03-01T17:00:00.000Z');
    expect(change.set).toEqual({});
    expect(change.remove.sort()).toEqual(['duepk', 'duesk', 'sla']);
  });
});

describe('slaClock', () => {
  afterEach(() => {
    delete process.env.SLA_CLOCK_OFFSET_MS;
  });

  it('is the wall clock unless the local twin set an offset, then the wall clock shifted by it', async () => {
    const { slaClock } = await import('./wiring.js');
    expect(Math.abs(Date.parse(slaClock.now()) - Date.now())).toBeLessThan(5_000);
    process.env.SLA_CLOCK_OFFSET_MS = String(-8 * 86_400_000);
    const lag = Date.now() - Date.parse(slaClock.now());
    expect(lag).toBeGreaterThan(8 * 86_400_000 - 5_000);
    expect(lag).toBeLessThan(8 * 86_400_000 + 5_000);
    process.env.SLA_CLOCK_OFFSET_MS = 'nonsense';
    expect(Math.abs(Date.parse(slaClock.now()) - Date.now())).toBeLessThan(5_000);
  });
});
