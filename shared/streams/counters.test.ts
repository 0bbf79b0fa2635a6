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
