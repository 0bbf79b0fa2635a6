import { DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { actorFromClaims } from '../auth/actor.js';
import { SlaPolicy } from '../db/entities/sla-policy.js';
import { Ticket } from '../db/entities/ticket.js';
import { answerReads } from '../db/fake-table.js';
import { matchKeyOf, resetSlaConfigCache } from '../sla/config.js';
import { slaClock } from '../sla/wiring.js';
import { mergeTickets } from './merge.js';

// A merge writes the target ticket in the source's change transaction: the target's SLA must be
// recomputed there like in any other ticket change (clocks, `due` keys), not only its version bumped.

type Item = Record<string, unknown>;
const ddb = mockClient(DynamoDBDocumentClient);
const manager = actorFromClaims({ sub: 'manager-1', username: 'manager', 'cognito:groups': ['manager'] });
const now = '2030-03-01T10:30:00.000Z';
const wallClock = slaClock.now;
let items: Item[] = [];

const ticket = (ticketId: string, number: string, over: Partial<Parameters<typeof Ticket.create>[0]> = {}) =>
  Ticket.create({
    ticketId, number, subject: 'Printer', description: 'd', customerId: 'c1', requesterId: 'alice', requesterEmail: 'alice@example.com', channel: 'web',
    categoryId: 'cat-1', priority: 'medium', status: 'open', groupId: 'g-1', assigneeKey: 'unassigned#g-1', qcRequired: false, createdBy: 'alice',
    createdAt: '2030-03-01T10:00:00.000Z', ...over,
  }).params<{ Item: Item }>().Item;
const mediumPolicy = SlaPolicy.create({
  policyId: 'p-medium', name: 'Medium', priority: 'medium', matchKey: matchKeyOf({ priority: 'medium' }), targets: { firstResponse: 60 },
  pauseStatuses: ['on_hold'], escalation: { raisePriority: false, assignToLead: false, notifyManagers: false }, active: true,
}).params<{ Item: Item }>().Item;

/** The single transaction's Update of `ticketId`. */
function updateOf(ticketId: string) {
  const calls = ddb.commandCalls(TransactWriteCommand);
  expect(calls).toHaveLength(1);
  const key = Ticket.get({ ticketId }).params<{ Key: Item }>().Key;
  return calls[0]!.args[0].input.TransactItems!.find((t) => t.Update?.Key?.pk === key.pk)!.Update!;
}

/** The attribute names an update SETs and REMOVEs (ElectroDB aliases them as `#name`). */
function touched(update: { UpdateExpression?: string; ExpressionAttributeNames?: Record<string, string> }) {
  const names = update.ExpressionAttributeNames ?? {};
  const [, set = '', remove = ''] = /^SET (.*?)(?: REMOVE (.*))?$/.exec(update.UpdateExpression ?? '') ?? [];
  const attrs = (part: string) => [...part.matchAll(/(#\w+)/g)].map((m) => names[m[1]!]).filter((n, i, all) => n && all.indexOf(n) === i);
  return { set: attrs(set.split(',').map((s) => s.split('=')[0]).join(',')), remove: attrs(remove) };
}

beforeEach(() => {
  resetSlaConfigCache();
  slaClock.now = () => now;
  answerReads(ddb, () => items);
  ddb.on(TransactWriteCommand).resolves({});
});
afterEach(() => {
  slaClock.now = wallClock;
  ddb.reset();
});

describe('mergeTickets and the target’s SLA', () => {
  it('computes the SLA of a target that had none (created before its policy), in the same transaction, conditioned on its version', async () => {
    items = [mediumPolicy, ticket('src', '100001'), ticket('dst', '100002')];

    const result = await mergeTickets(manager, 'src', { targetTicketId: 'dst', version: 1, targetVersion: 1 });

    expect(result).toMatchObject({ sourceVersion: 2, targetVersion: 2 });
    const update = updateOf('dst');
    expect(touched(update).set).toEqual(expect.arrayContaining(['sla', 'duepk', 'duesk', 'version']));
    const values = update.ExpressionAttributeValues!;
    const sla = Object.values(values).find((v) => (v as { policyId?: string })?.policyId) as { policyId: string; clocks: Record<string, { dueAt: string; consumedMinutes: number }> };
    // 60 minutes from 10:00 on a 24/7 calendar; 30 of them used at the merge.
    expect(sla).toMatchObject({ policyId: 'p-medium', clocks: { firstResponse: { state: 'running', consumedMinutes: 30, dueAt: '2030-03-01T11:00:00.000Z' } } });
    expect(Object.values(values)).toContain('sla');
    expect(update.ConditionExpression).toMatch(/version/);
    // The source is closed by the same transaction.
    expect(touched(updateOf('src')).set).toEqual(expect.arrayContaining(['status', 'closedAt', 'mergedInto']));
  });

  it('a question the customer left open on the source is owed on the target: its next response clock starts at that message', async () => {
    const policy = SlaPolicy.create({
      policyId: 'p-medium', name: 'Medium', priority: 'medium', matchKey: matchKeyOf({ priority: 'medium' }), targets: { firstResponse: 60, nextResponse: 120 },
      pauseStatuses: ['on_hold'], escalation: { raisePriority: false, assignToLead: false, notifyManagers: false }, active: true,
    }).params<{ Item: Item }>().Item;
    const answered = { firstResponseAt: '2030-03-01T10:05:00.000Z', lastAgentMessageAt: '2030-03-01T10:05:00.000Z' };
    items = [
      policy,
      ticket('src', '100001', { ...answered, lastCustomerMessageAt: '2030-03-01T10:20:00.000Z' }),
      ticket('dst', '100002', { ...answered, lastCustomerMessageAt: '2030-03-01T10:01:00.000Z' }),
    ];

    await mergeTickets(manager, 'src', { targetTicketId: 'dst', version: 1, targetVersion: 1 });

    const update = updateOf('dst');
    expect(touched(update).set).toEqual(expect.arrayContaining(['lastCustomerMessageAt', 'sla']));
    expect(touched(update).set).not.toContain('lastAgentMessageAt');
    const sla = Object.values(update.ExpressionAttributeValues!).find((v) => (v as { policyId?: string })?.policyId) as { clocks: Record<string, { startedAt: string; dueAt: string; state: string }> };
    expect(sla.clocks.nextResponse).toMatchObject({ state: 'running', startedAt: '2030-03-01T10:20:00.000Z', dueAt: '2030-03-01T12:20:00.000Z' });
  });

  it('drops the SLA and due keys of a target whose policy no longer applies', async () => {
    const stale = { policyId: 'p-gone', calendarId: '', nextResponseCycle: 0, clocks: {}, nextCheckAt: '2030-03-01T11:00:00.000Z' };
    items = [ticket('src', '100001'), ticket('dst', '100002', { sla: stale, duepk: 'sla', duesk: '2030-03-01T11:00:00.000Z#dst' } as never)];

    await mergeTickets(manager, 'src', { targetTicketId: 'dst', version: 1, targetVersion: 1 });

    expect(touched(updateOf('dst')).remove.sort()).toEqual(['duepk', 'duesk', 'sla']);
  });
});
