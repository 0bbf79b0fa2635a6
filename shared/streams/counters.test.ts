import { DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import type { Change } from './changes.js';
import { applyToCounters, counterDeltas, customerDeltas } from './counters.js';

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
