import { DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import type { Change } from './changes.js';
import { applyToCounters, counterDeltas, customerDeltas, ticketQueueDeltas, ticketQueueNames, ticketQueueScope } from './counters.js';

const ddb = mockClient(DynamoDBDocumentClient);
afterEach(() => ddb.reset());

const customer = (status: string, type: string) => ({ __edb_e__: 'customer', customerId: 'c1', status, type });

function change(kind: Change['kind'], oldImage?: Record<string, unknown>, newImage?: Record<string, unknown>): Change {
  return { eventId: 'e1', sequence: '1', kind, entity: 'customer', oldImage, newImage, expired: false };
}

const byName = (deltas: { name: string; delta: number }[]) => Object.fromEntries(deltas.map((d) => [d.name, d.delta]));

describe('customer statistics deltas', () => {
  it('an inserted customer counts once in its status, its type and both', () => {
    expect(byName(customerDeltas(change('insert', undefined, customer('pending', 'corporate'))))).toEqual({
      'status#pending': 1,
      'type#corporate': 1,
      'status#pending#type#corporate': 1,
    });
  });

  it('a status change moves the status counters only; the type count stays', () => {
    expect(byName(customerDeltas(change('modify', customer('pending', 'individual'), customer('active', 'individual'))))).toEqual({
      'status#pending': -1,
      'status#active': 1,
      'status#pending#type#individual': -1,
      'status#active#type#individual': 1,
    });
  });

  it('a profile edit that keeps status and type moves nothing', () => {
    expect(customerDeltas(change('modify', customer('active', 'individual'), customer('active', 'individual')))).toEqual([]);
  });

  it('a removed customer leaves every counter it was in', () => {
    expect(byName(customerDeltas(change('remove', customer('inactive', 'individual'))))).toEqual({
      'status#inactive': -1,
      'type#individual': -1,
      'status#inactive#type#individual': -1,
    });
  });

  it('other entities move no customer counter', () => {
    expect(customerDeltas({ ...change('insert', undefined, { status: 'active', type: 'x' }), entity: 'user' })).toEqual([]);
  });

  it('an insert also moves the entity count', () => {
    expect(counterDeltas(change('insert', undefined, customer('pending', 'corporate')))).toContainEqual({ scope: 'entities', name: 'customer', delta: 1 });
  });
});

describe('applyToCounters', () => {
  it('writes the mark and every counter update in one transaction', async () => {
    ddb.on(TransactWriteCommand).resolves({});
    expect(await applyToCounters(change('modify', customer('pending', 'individual'), customer('active', 'individual')))).toBe('applied');
    const items = ddb.commandCalls(TransactWriteCommand)[0]!.args[0].input.TransactItems!;
    expect(items).toHaveLength(5);
    expect(items[0]!.Put?.ConditionExpression).toMatch(/attribute_not_exists/);
    expect(items.slice(1).every((i) => i.Update)).toBe(true);
  });

  it('ignores a change that moves no counter', async () => {
    expect(await applyToCounters(change('modify', customer('active', 'individual'), customer('active', 'individual')))).toBe('ignored');
    expect(ddb.commandCalls(TransactWriteCommand)).toHaveLength(0);
  });
});

describe('ticket queue deltas', () => {
  const ticket = (status: string, groupId: string, assigneeId?: string) => ({
    __edb_e__: 'ticket', ticketId: 't1', status, groupId, ...(assigneeId ? { assigneeId, assigneeKey: assigneeId } : { assigneeKey: `unassigned#${groupId}` }),
  });
  const ticketChange = (kind: Change['kind'], oldImage?: Record<string, unknown>, newImage?: Record<string, unknown>): Change => ({
    ...change(kind, oldImage, newImage), entity: 'ticket',
  });
  const queues = (c: Change) => byName(ticketQueueDeltas(c));

  it('a new unassigned ticket counts in all, its group and its group’s unassigned', () => {
    expect(queues(ticketChange('insert', undefined, ticket('open', 'g1')))).toEqual({ all: 1, 'group#g1': 1, 'unassigned#g1': 1 });
  });

  it('a new ticket auto-assigned on creation counts for its assignee', () => {
    expect(queues(ticketChange('insert', undefined, ticket('open', 'g1', 'u1')))).toEqual({ all: 1, 'group#g1': 1, 'assignee#u1': 1 });
  });

  it('assigning moves it from unassigned to the assignee', () => {
    expect(queues(ticketChange('modify', ticket('open', 'g1'), ticket('open', 'g1', 'u1')))).toEqual({ 'unassigned#g1': -1, 'assignee#u1': 1 });
  });

  it('reassigning moves it between assignees', () => {
    expect(queues(ticketChange('modify', ticket('in_progress', 'g1', 'u1'), ticket('in_progress', 'g1', 'u2')))).toEqual({ 'assignee#u1': -1, 'assignee#u2': 1 });
  });

  it('unassigning moves it back to its group’s unassigned', () => {
    expect(queues(ticketChange('modify', ticket('open', 'g1', 'u1'), ticket('open', 'g1')))).toEqual({ 'assignee#u1': -1, 'unassigned#g1': 1 });
  });

  it('a transfer moves the group counts (and the assignee, when picked)', () => {
    expect(queues(ticketChange('modify', ticket('open', 'g1', 'u1'), ticket('open', 'g2')))).toEqual({
      'group#g1': -1, 'group#g2': 1, 'assignee#u1': -1, 'unassigned#g2': 1,
    });
    expect(queues(ticketChange('modify', ticket('open', 'g1'), ticket('open', 'g2', 'u2')))).toEqual({
      'group#g1': -1, 'group#g2': 1, 'unassigned#g1': -1, 'assignee#u2': 1,
    });
  });

  it('resolving or closing takes it off every queue', () => {
    expect(queues(ticketChange('modify', ticket('in_progress', 'g1', 'u1'), ticket('resolved', 'g1', 'u1')))).toEqual({ all: -1, 'group#g1': -1, 'assignee#u1': -1 });
    expect(queues(ticketChange('modify', ticket('open', 'g1'), ticket('closed', 'g1')))).toEqual({ all: -1, 'group#g1': -1, 'unassigned#g1': -1 });
  });

  it('reopening puts it back', () => {
    expect(queues(ticketChange('modify', ticket('resolved', 'g1', 'u1'), ticket('open', 'g1', 'u1')))).toEqual({ all: 1, 'group#g1': 1, 'assignee#u1': 1 });
  });

  it('moves between active statuses, and changes to inactive tickets, move nothing', () => {
    expect(ticketQueueDeltas(ticketChange('modify', ticket('open', 'g1', 'u1'), ticket('waiting_qc', 'g1', 'u1')))).toEqual([]);
    expect(ticketQueueDeltas(ticketChange('modify', ticket('resolved', 'g1', 'u1'), ticket('closed', 'g1')))).toEqual([]);
  });

  it('deleting an active ticket takes it off; deleting a closed one moves nothing', () => {
    expect(queues(ticketChange('remove', ticket('on_hold', 'g1', 'u1')))).toEqual({ all: -1, 'group#g1': -1, 'assignee#u1': -1 });
    expect(ticketQueueDeltas(ticketChange('remove', ticket('closed', 'g1')))).toEqual([]);
  });

  it('counts only active statuses and lands in scope ticketQueues', () => {
    expect(ticketQueueNames(ticket('qc_fail', 'g1'))).toEqual(['all', 'group#g1', 'unassigned#g1']);
    expect(ticketQueueNames(ticket('resolved', 'g1'))).toEqual([]);
    expect(ticketQueueDeltas(ticketChange('insert', undefined, ticket('open', 'g1'))).every((d) => d.scope === ticketQueueScope)).toBe(true);
  });

  it('other entities move no queue counter', () => {
    expect(ticketQueueDeltas(change('insert', undefined, ticket('open', 'g1')))).toEqual([]);
  });
});

describe('overdue queue deltas', () => {
  const breached = { state: 'breached', breachedAt: '2030-03-04T11:00:00.000Z', targetMinutes: 60, consumedMinutes: 182 };
  const sla = (clock: Record<string, unknown>) => ({ policyId: 'p', calendarId: 'c', nextResponseCycle: 0, clocks: { firstResponse: clock } });
  const ticket = (status: string, clock?: Record<string, unknown>, groupId = 'g1') => ({
    __edb_e__: 'ticket', ticketId: 't1', status, groupId, assigneeId: 'u1', assigneeKey: 'u1', ...(clock ? { sla: sla(clock) } : {}),
  });
  const ticketChange = (kind: Change['kind'], oldImage?: Record<string, unknown>, newImage?: Record<string, unknown>): Change => ({
    ...change(kind, oldImage, newImage), entity: 'ticket',
  });
  const queues = (c: Change) => byName(ticketQueueDeltas(c));

  it('a breach on an open ticket counts it in overdue, and nowhere else anew', () => {
    expect(queues(ticketChange('modify', ticket('open', { state: 'running' }), ticket('open', breached)))).toEqual({ overdue: 1 });
    expect(ticketQueueNames(ticket('in_progress', breached))).toEqual(['all', 'group#g1', 'assignee#u1', 'overdue']);
  });

  it('paused while breached it stays overdue; meeting the clock (a late reply) takes it off', () => {
    expect(ticketQueueDeltas(ticketChange('modify', ticket('open', breached), ticket('waiting_on_customer', { ...breached, state: 'paused' })))).toEqual([]);
    expect(queues(ticketChange('modify', ticket('open', breached), ticket('open', { ...breached, state: 'met' })))).toEqual({ overdue: -1 });
  });

  it('resolving or closing an overdue ticket takes it off overdue with the other queues; a transfer keeps it overdue', () => {
    expect(queues(ticketChange('modify', ticket('open', breached), ticket('resolved', breached)))).toEqual({ all: -1, 'group#g1': -1, 'assignee#u1': -1, overdue: -1 });
    expect(queues(ticketChange('modify', ticket('open', breached), ticket('open', breached, 'g2')))).toEqual({ 'group#g1': -1, 'group#g2': 1 });
  });

  it('a ticket created or deleted while overdue moves the count too', () => {
    expect(queues(ticketChange('insert', undefined, ticket('open', breached)))).toMatchObject({ overdue: 1 });
    expect(queues(ticketChange('remove', ticket('on_hold', breached)))).toMatchObject({ overdue: -1 });
  });

  it('the overdue marker items (ticketTimer) move no queue counter: the ticket image is counted', () => {
    const marker = { __edb_e__: 'ticketTimer', ticketId: 't1', kind: 'overdue', at: breached.breachedAt, duepk: 'overdue', duesk: `${breached.breachedAt}#t1` };
    expect(counterDeltas({ ...change('insert', undefined, marker), entity: 'ticketTimer' })).toEqual([{ scope: 'entities', name: 'ticketTimer', delta: 1 }]);
  });
});
