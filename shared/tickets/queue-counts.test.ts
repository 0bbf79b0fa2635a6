import { BatchGetCommand, DynamoDBDocumentClient, QueryCommand, type BatchGetCommandInput } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { actorFromClaims } from '../auth/actor.js';
import { Counter } from '../db/entities/counter.js';
import { GroupMember } from '../db/entities/group-member.js';
import { answerReads } from '../db/fake-table.js';
import { ticketQueueScope } from '../streams/counters.js';
import { maxCountedGroups, queueCounts } from './queue-counts.js';

const ddb = mockClient(DynamoDBDocumentClient);
const agent = actorFromClaims({ sub: 'agent-1', username: 'agent', 'cognito:groups': ['agent'] });
const customer = actorFromClaims({ sub: 'cust-1', username: 'cust', 'cognito:groups': ['customer'] });

type Item = Record<string, unknown>;
const member = (groupId: string, userId = 'agent-1') => GroupMember.create({ groupId, userId, name: 'A', email: 'a@example.com', addedBy: 'admin' }).params<{ Item: Item }>().Item;
const counter = (name: string, value: number) => Counter.put({ scope: ticketQueueScope, name, value }).params<{ Item: Item }>().Item;

let items: Item[] = [];
/** Keys the BatchGet mock leaves unprocessed on its first call. */
let holdBack = 0;

beforeEach(() => {
  holdBack = 0;
  items = [
    member('g1'), member('g2'), member('g3', 'someone-else'),
    counter('all', 12), counter('overdue', 4), counter('assignee#agent-1', 3), counter('assignee#someone-else', 4),
    counter('group#g1', 5), counter('group#g2', 2), counter('group#g3', 7),
    counter('unassigned#g1', 1), counter('unassigned#g2', 2), counter('unassigned#g3', 6),
  ];
  answerReads(ddb, () => items);
  ddb.on(BatchGetCommand).callsFake((input: BatchGetCommandInput) => {
    const [table, request] = Object.entries(input.RequestItems ?? {})[0]!;
    const keys = request.Keys ?? [];
    const served = keys.slice(holdBack);
    const left = keys.slice(0, holdBack);
    holdBack = 0;
    const found = served.flatMap((key) => items.filter((i) => Object.entries(key).every(([k, v]) => i[k] === v)));
    return { Responses: { [table]: found }, UnprocessedKeys: left.length ? { [table]: { Keys: left } } : {} };
  });
});
afterEach(() => ddb.reset());

describe('queueCounts', () => {
  it('answers mine, unassigned summed over my groups, my groups, all and overdue, from one Query and one BatchGet', async () => {
    expect(await queueCounts(agent, {})).toEqual({ mine: 3, unassigned: 3, groups: { g1: 5, g2: 2 }, all: 12, overdue: 4 });
    expect(ddb.commandCalls(QueryCommand)).toHaveLength(1);
    expect(ddb.commandCalls(BatchGetCommand)).toHaveLength(1);
  });

  it('adds the group asked for, without counting its unassigned tickets as mine', async () => {
    expect(await queueCounts(agent, { groupId: 'g3' })).toEqual({ mine: 3, unassigned: 3, groups: { g1: 5, g2: 2, g3: 7 }, all: 12, overdue: 4 });
  });

  it('counters not written yet count 0, and a negative one shows 0', async () => {
    items = [member('g1'), counter('all', -1), counter('overdue', -2)];
    expect(await queueCounts(agent, { groupId: 'g9' })).toEqual({ mine: 0, unassigned: 0, groups: { g1: 0, g9: 0 }, all: 0, overdue: 0 });
  });

  it('reads keys DynamoDB left unprocessed once more (3 commands at most)', async () => {
    holdBack = 2;
    expect(await queueCounts(agent, {})).toEqual({ mine: 3, unassigned: 3, groups: { g1: 5, g2: 2 }, all: 12, overdue: 4 });
    expect(ddb.commandCalls(BatchGetCommand)).toHaveLength(2);
  });

  it('keeps every key in one BatchGet (100 keys) for a caller in the most groups counted, plus the asked group', async () => {
    items = [...Array.from({ length: maxCountedGroups + 5 }, (_, i) => member(`m${i}`)), counter('overdue', 1)];
    const counts = await queueCounts(agent, { groupId: 'elsewhere' });
    expect(Object.keys(counts.groups)).toHaveLength(maxCountedGroups + 1);
    expect(counts.overdue).toBe(1);
    const batch = ddb.commandCalls(BatchGetCommand)[0]!.args[0].input.RequestItems!;
    expect(Object.values(batch)[0]!.Keys!.length).toBeLessThanOrEqual(100);
  });

  it('is for staff only', async () => {
    await expect(queueCounts(customer, {})).rejects.toMatchObject({ statusCode: 403 });
    expect(ddb.calls()).toHaveLength(0);
  });
});
