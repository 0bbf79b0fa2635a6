import { DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TicketTimer } from '../db/entities/ticket-timer.js';
import { Ticket, type TicketItem } from '../db/entities/ticket.js';
import { answerReads } from '../db/fake-table.js';
import type { TicketSla } from '../sla/types.js';
import { backfillTicket, corrections, queueTotals, slaMissing, wantedTimers } from './backfill.js';

vi.mock('../sla/wiring.js', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../sla/wiring.js')>()),
  policyFor: vi.fn(async () => ({ policy: undefined, calendar: undefined })),
}));

const now = '2030-03-04T10:00:00.000Z';
const ticket = (status: TicketItem['status'], extra: Partial<TicketItem> = {}) =>
  ({ ticketId: 't1', status, groupId: 'g1', version: 3, updatedAt: '2030-03-01T00:00:00.000Z', ...extra }) as TicketItem;
const sla = (nextCheckAt?: string): TicketSla => ({ policyId: 'p', calendarId: 'c', nextResponseCycle: 0, clocks: {}, ...(nextCheckAt ? { nextCheckAt } : {}) });

describe('slaMissing', () => {
  it('is true for a ticket without SLA state only when a policy applies', () => {
    expect(slaMissing(ticket('open'), true)).toBe(true);
    expect(slaMissing(ticket('open'), false)).toBe(false);
  });

  it('is true when the due keys disagree with the stored SLA, false when they agree', () => {
    expect(slaMissing(ticket('open', { sla: sla(now) }), true)).toBe(true);
    expect(slaMissing(ticket('open', { sla: sla(now), duepk: 'sla', duesk: `${now}#t1` }), true)).toBe(false);
    expect(slaMissing(ticket('closed', { sla: sla() }), true)).toBe(false);
    expect(slaMissing(ticket('closed', { sla: sla(), duepk: 'sla', duesk: `${now}#t1` }), true)).toBe(true);
  });
});

describe('wantedTimers', () => {
  it('wants auto-close from resolvedAt, and nothing for an open ticket', () => {
    expect(wantedTimers(ticket('resolved', { resolvedAt: now }))).toEqual([{ kind: 'auto-close', at: now }]);
    expect(wantedTimers(ticket('open'))).toEqual([]);
  });

  it('wants the reminder from when waiting began, or the resolve timer once reminded', () => {
    expect(wantedTimers(ticket('waiting_on_customer'), { enteredAt: now })).toEqual([{ kind: 'waiting-remind', at: now }]);
    expect(wantedTimers(ticket('waiting_on_customer'), { enteredAt: now, remindedAt: '2030-03-07T10:00:00.000Z' })).toEqual([
      { kind: 'waiting-resolve', at: '2030-03-07T10:00:00.000Z' },
    ]);
  });

  it('wants the overdue marker for an open breach', () => {
    const breached: TicketSla = { ...sla(), clocks: { firstResponse: { targetMinutes: 60, startedAt: now, consumedMinutes: 61, countedTo: now, pausedMinutes: 0, state: 'breached', breachedAt: now } } };
    expect(wantedTimers(ticket('open', { sla: breached }))).toEqual([{ kind: 'overdue', at: now }]);
  });
});

describe('queue counters', () => {
  it('counts active tickets per queue name, as the stream does', () => {
    const totals = queueTotals([
      { status: 'open', groupId: 'g1' },
      { status: 'in_progress', groupId: 'g1', assigneeId: 'u1' },
      { status: 'resolved', groupId: 'g1', assigneeId: 'u1' },
    ]);
    expect(Object.fromEntries(totals)).toEqual({ all: 2, 'group#g1': 2, 'unassigned#g1': 1, 'assignee#u1': 1 });
  });

  it('corrects every name either side by the difference, and leaves exact ones alone', () => {
    const fix = corrections(new Map([['all', 2], ['group#g1', 2]]), new Map([['all', -1], ['group#g1', 2], ['group#gone', 3]]));
    expect(Object.fromEntries(fix)).toEqual({ all: 3, 'group#gone': -3 });
  });
});

describe('backfillTicket', () => {
  const ddb = mockClient(DynamoDBDocumentClient);
  let items: Record<string, unknown>[] = [];
  beforeEach(() => {
    items = [];
    answerReads(ddb, () => items);
    ddb.on(TransactWriteCommand).resolves({});
  });
  afterEach(() => ddb.reset());

  it('creates a missing auto-close timer on the version read, without changing the ticket', async () => {
    const resolved = ticket('resolved', { resolvedAt: now });
    expect(await backfillTicket(resolved, now)).toEqual({ sla: false, timers: 1 });
    const [check, put] = ddb.commandCalls(TransactWriteCommand)[0]!.args[0].input.TransactItems!;
    expect(check!.ConditionCheck).toMatchObject({ Key: Ticket.get({ ticketId: 't1' }).params<{ Key: object }>().Key, ExpressionAttributeValues: { ':v': 3 } });
    expect(put!.Put!.Item).toMatchObject({ pk: 'timer#t1#auto-close', duepk: 'auto-close', duesk: `${now}#t1` });
    expect(put!.Put!.ConditionExpression).toContain('attribute_not_exists');
  });

  it('writes nothing when the timer is already there', async () => {
    items = [TicketTimer.create({ ticketId: 't1', kind: 'auto-close', at: now }).params<{ Item: Record<string, unknown> }>().Item];
    expect(await backfillTicket(ticket('resolved', { resolvedAt: now }), now)).toEqual({ sla: false, timers: 0 });
    expect(ddb.commandCalls(TransactWriteCommand)).toHaveLength(0);
  });
});
