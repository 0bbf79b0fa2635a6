import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDynalite, type RunningDynalite } from '../../infra/local/gateway/dynalite.js';
import { startDynamoGateway, type DynamoGateway } from '../../infra/local/gateway/index.js';
import { ensureTable } from '../../infra/local/table.js';

// The `sla` sweep's cost (issue 7): with 10,000 open tickets of which 10 are due, it reads the 10
// due tickets (plus page overhead) and never scans. A bare table behind the twin's DynamoDB gateway
// (transactions; no stream consumers, so seeding 10,000 items stays cheap): the tickets go straight
// into dynalite by BatchWrite; the sweep talks to the gateway like everywhere else.

const region = 'eu-west-1';
const table = 'sla-cost';
const customerId = 'sla-cost-corp';
let dynalite: RunningDynalite;
let gateway: DynamoGateway;

beforeAll(async () => {
  dynalite = await startDynalite();
  gateway = await startDynamoGateway({ upstream: dynalite.endpoint, region, ttlIntervalMs: 0, logger: { info: () => {}, warn: () => {}, error: () => {} } as never });
  process.env.DYNAMODB_ENDPOINT = gateway.endpoint;
  process.env.TABLE_NAME = table;
  await ensureTable(new DynamoDBClient({ endpoint: gateway.endpoint, region }), table);
}, 60_000);

afterAll(async () => {
  await gateway?.close();
  await dynalite?.close();
});

describe('sla sweep cost', () => {
  it('with 10,000 open tickets of which 10 are due, the sweep reads at most 11 ticket items plus page overhead, and no Scan', async () => {
    // App modules read the environment at import: only now.
    const { Ticket } = await import('../db/entities/ticket.js');
    const { SlaCalendar } = await import('../db/entities/sla-calendar.js');
    const { SlaPolicy } = await import('../db/entities/sla-policy.js');
    const { documentClient } = await import('../db/client.js');
    const { sweepSla } = await import('./sweep.js');

    await SlaCalendar.create({ calendarId: 'always', name: '24/7', timezone: 'UTC', mode: 'always', week: [[], [], [], [], [], [], []], holidays: [] }).go();
    await SlaPolicy.create({
      policyId: 'cost', name: 'Cost', priority: 'medium', customerId, matchKey: `medium#*#*#${customerId}`, calendarId: 'always', targets: { firstResponse: 60 },
      pauseStatuses: ['waiting_on_customer', 'on_hold'], warningPercent: 80, escalation: { raisePriority: false, assignToLead: false, notifyManagers: false }, active: true,
    }).go();

    const createdAt = '2030-05-06T08:00:00.000Z';
    const ticket = (n: number, due: 'no' | 'now' | 'later') => {
      const ticketId = `cost-${String(n).padStart(5, '0')}`;
      return Ticket.create({
        ticketId, number: String(100000 + n), subject: 'Cost', description: 'Cost', customerId, requesterEmail: 'cost@example.com',
        channel: 'staff', categoryId: 'general', priority: 'medium', status: 'open', groupId: 'sla-cost-group', assigneeKey: 'unassigned#sla-cost-group',
        createdBy: 'seed', createdAt, updatedAt: createdAt,
        // Due now: the warning (48 of 60 minutes) passed at 08:48. Later: tomorrow. The rest: not in the index.
        ...(due === 'now' ? { duepk: 'sla', duesk: `2030-05-06T08:48:00.000Z#${ticketId}` } : {}),
        ...(due === 'later' ? { duepk: 'sla', duesk: `2030-05-07T08:48:00.000Z#${ticketId}` } : {}),
      }).params<{ Item: Record<string, unknown> }>().Item;
    };
    const items = Array.from({ length: 10_000 }, (_, n) => ticket(n, n % 1000 === 7 ? 'now' : n % 1000 === 8 ? 'later' : 'no'));
    const direct = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: dynalite.endpoint, region }));
    for (let i = 0; i < items.length; i += 25) {
      await direct.send(new BatchWriteCommand({ RequestItems: { [table]: items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })) } }));
    }

    // Every command the app sends from here, and the ticket items in every answer.
    const seen = { commands: [] as string[], ticketItems: 0 };
    const isTicket = (i: Record<string, any>) => i?.__edb_e__ === 'ticket' || i?.__edb_e__?.S === 'ticket';
    documentClient.middlewareStack.add(
      (next, context) => async (args) => {
        seen.commands.push(String(context.commandName));
        if (/^Scan/.test(String(context.commandName))) throw new Error('A Scan was sent');
        const out = (await next(args)) as { output?: Record<string, any> };
        const o = out.output ?? {};
        const answered = [...(o.Items ?? []), ...(o.Item ? [o.Item] : []), ...(Object.values(o.Responses ?? {}).flat() as Record<string, any>[])];
        seen.ticketItems += answered.filter(isTicket).length;
        return out as never;
      },
      { step: 'initialize', name: 'countTicketReads' },
    );

    const run = await sweepSla(new Date('2030-05-06T08:50:00.000Z'));

    expect(run).toMatchObject({ checked: 10, warned: 10, breached: 0, skipped: 0 });
    expect(seen.ticketItems).toBeGreaterThanOrEqual(10);
    expect(seen.ticketItems).toBeLessThanOrEqual(11);
    // One page of the due index (10 < 25) plus the configuration reads (Query: policies, calendars, category tree; GetItem: stamp, settings, the customer).
    expect(seen.commands.filter((c) => /^Query/.test(c)).length, seen.commands.join()).toBeLessThanOrEqual(4);
    expect(seen.commands.some((c) => /Scan/.test(c))).toBe(false);
    // Each warned ticket moved on to its due time (09:00) in one transaction.
    expect(seen.commands.filter((c) => /^TransactWrite/.test(c)), seen.commands.join()).toHaveLength(10);
    const { data } = await Ticket.get({ ticketId: 'cost-00007' }).go();
    expect(data).toMatchObject({ duesk: '2030-05-06T09:00:00.000Z#cost-00007' });
    expect(data!.sla.clocks.firstResponse).toMatchObject({ state: 'running', warnedAt: '2030-05-06T08:50:00.000Z' });

    // Again at the same time: nothing is due any more.
    expect(await sweepSla(new Date('2030-05-06T08:50:00.000Z'))).toMatchObject({ checked: 0 });
  }, 120_000);
});
