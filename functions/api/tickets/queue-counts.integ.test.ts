import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOwnedAccount, outcome, refuseScans, startTestTwin, type Reply, type TestTwin, signInEach } from '../../../infra/local/testing/api.js';

// Queue counts against the local twin: tickets are created, assigned, transferred, resolved and
// reopened through the API; once the change feed is drained, GET /tickets/queue-counts matches a
// brute-force count over the list routes. Also: export of "unassigned in my groups" and the
// names the staff timeline carries.

let test: TestTwin;
let commands: string[] = [];
type Who = 'admin' | 'manager' | 'agent' | 'technician' | 'alice';
const token: Record<Who, string> = { admin: '', manager: '', agent: '', technician: '', alice: '' };
const id: Record<Who, string> = { admin: '', manager: '', agent: '', technician: '', alice: '' };
const corp = 'queue-counts-corp';
const call = (method: string, path: string, who: Who, body?: unknown) => test.call(method, path, token[who], body);
const raw = (r: Reply) => JSON.stringify(r.body);
const active = new Set(['open', 'in_progress', 'answered', 'waiting_on_customer', 'on_hold', 'waiting_qc', 'qc_pass', 'qc_fail']);
const groups: Record<'north' | 'south' | 'west', string> = { north: '', south: '', west: '' };
const categories: Record<'north' | 'south', string> = { north: 'queue-counts-north', south: 'queue-counts-south' };

async function createGroup(name: string, members: Who[]): Promise<string> {
  const group = await call('POST', '/support-groups', 'admin', { name, description: `${name} team` });
  expect(group.status, raw(group)).toBe(201);
  for (const who of members) {
    const added = await call('POST', `/support-groups/${group.body!.groupId}/members/${id[who]}`, 'admin');
    expect(added.status, raw(added)).toBe(200);
  }
  return group.body!.groupId as string;
}

async function open(category: keyof typeof categories): Promise<Record<string, any>> {
  const res = await call('POST', '/tickets', 'alice', { subject: 'VPN drops every hour', description: 'Since Monday.', customerId: corp, categoryId: categories[category] });
  expect(res.status, raw(res)).toBe(201);
  return fresh(res.body!.ticketId);
}

const fresh = async (ticketId: string) => (await call('GET', `/tickets/${ticketId}`, 'manager')).body!;

async function act(ticketId: string, path: string, body: Record<string, unknown>): Promise<void> {
  const ticket = await fresh(ticketId);
  const res = await call('POST', `/tickets/${ticketId}/${path}`, 'manager', { version: ticket.version, ...body });
  expect(res.status, raw(res)).toBe(200);
}

/** Every ticket a staff list answers (all pages), active ones only. */
async function activeIn(query: string, who: Who = 'agent'): Promise<number> {
  let n = 0;
  let cursor: string | null = null;
  do {
    const res = await call('GET', `/tickets?${query}&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, who);
    expect(res.status, raw(res)).toBe(200);
    n += (res.body!.items as { status: string }[]).filter((t) => active.has(t.status)).length;
    cursor = res.body!.cursor;
  } while (cursor);
  return n;
}

/** The counts once the change feed is drained; the agent's, with the West group (not theirs) asked for. */
async function counts(who: Who = 'agent', groupId: string = groups.west): Promise<Record<string, any>> {
  await test.twin.gateway.feed.drain();
  const res = await call('GET', `/tickets/queue-counts${groupId ? `?groupId=${groupId}` : ''}`, who);
  expect(res.status, raw(res)).toBe(200);
  return res.body!;
}

/** The agent's counts next to the same numbers counted from the lists. */
async function bruteForce(): Promise<{ counted: Record<string, any>; listed: Record<string, any> }> {
  const counted = await counts();
  const mine = (await call('GET', '/me/support-groups', 'agent')).body!.groups.map((g: { groupId: string }) => g.groupId) as string[];
  let unassigned = 0;
  for (const g of mine) unassigned += await activeIn(`queue=unassigned&groupId=${g}`);
  const perGroup: Record<string, number> = {};
  for (const g of [...mine, groups.west]) perGroup[g] = await activeIn(`queue=group&groupId=${g}`);
  const listed = { mine: await activeIn('queue=mine'), unassigned, groups: perGroup, all: await activeIn('queue=all'), overdue: (await overdueListed()).length };
  return { counted, listed };
}

beforeAll(async () => {
  test = await startTestTwin('queue-counts');
  await signInEach(test, { admin: 'admin@cloudmanager.example', manager: 'manager@cloudmanager.example', agent: 'agent@cloudmanager.example', technician: 'technician@cloudmanager.example', alice: 'customer@cloudmanager.example' }, token, id);
  await createOwnedAccount({ customerId: corp, type: 'corporate', name: 'Alice Trading SARL', currency: 'DZD' }, { userId: id.alice, name: 'Chloé', email: 'customer@cloudmanager.example' });
  groups.north = await createGroup('Queue North', ['agent', 'manager']);
  groups.south = await createGroup('Queue South', ['agent', 'manager']);
  groups.west = await createGroup('Queue West', ['manager']);
  const { TicketCategory } = await import('../../../shared/db/entities/ticket-category.js');
  await TicketCategory.create({ categoryId: categories.north, parentKey: 'root', name: 'North', nameLower: 'north', defaultGroupId: groups.north }).go();
  await TicketCategory.create({ categoryId: categories.south, parentKey: 'root', name: 'South', nameLower: 'south', defaultGroupId: groups.south }).go();
  // Nobody is picked by auto-assignment: every ticket starts unassigned.
  for (const who of ['agent', 'manager'] as const) {
    const res = await call('PUT', '/me/availability', who, { available: false });
    expect(res.status, raw(res)).toBe(200);
  }
  commands = await refuseScans();
}, 180_000);

afterAll(async () => {
  await test?.stop();
});

describe('GET /tickets/queue-counts', () => {
  it('follows creation, assignment, reassignment, unassignment, transfer, resolution and reopening, and matches the lists', async () => {
    const before = await counts();
    const [a, b, c, d] = [await open('north'), await open('north'), await open('south'), await open('south')];
    expect(a.assigneeId).toBeUndefined();

    const created = await counts();
    expect(created.all - before.all).toBe(4);
    expect(created.unassigned - before.unassigned).toBe(4);
    expect(created.groups[groups.north] - before.groups[groups.north]).toBe(2);
    expect(before.groups[groups.west]).toBe(0);

    await act(a.ticketId, 'assign', { assigneeId: id.agent });
    await act(b.ticketId, 'assign', { assigneeId: id.manager });
    await act(b.ticketId, 'assign', { assigneeId: id.agent });
    await act(b.ticketId, 'unassign', {});
    await act(c.ticketId, 'assign', { assigneeId: id.agent });
    await act(d.ticketId, 'transfer', { groupId: groups.west, reason: 'Site visit needed' });
    const moved = await counts();
    expect(moved.mine - created.mine).toBe(2);
    expect(moved.unassigned - created.unassigned).toBe(-3);
    expect(moved.groups[groups.south] - created.groups[groups.south]).toBe(-1);
    expect(moved.groups[groups.west]).toBe(1);
    expect(moved.all).toBe(created.all);

    await act(a.ticketId, 'status', { status: 'resolved' });
    const resolved = await counts();
    expect(resolved.mine - moved.mine).toBe(-1);
    expect(resolved.all - moved.all).toBe(-1);

    await act(a.ticketId, 'status', { status: 'open' });
    const reopened = await counts();
    expect(reopened.mine).toBe(moved.mine);
    expect(reopened.all).toBe(moved.all);

    const { counted, listed } = await bruteForce();
    expect(counted).toEqual(listed);
  });

  it('answers from at most 3 DynamoDB commands (memberships, one BatchGet of counters)', async () => {
    await test.twin.gateway.feed.drain();
    // The caller's resolution happens before input validation: measure it on a refused request.
    const settle = async () => {
      for (let seen = -1; seen !== commands.length; ) {
        seen = commands.length;
        await new Promise((resolve) => setTimeout(resolve, 400));
      }
    };
    await settle();
    const base = commands.length;
    expect((await call('GET', '/tickets/queue-counts?nonsense=1', 'agent')).status).toBe(400);
    const resolution = commands.length - base;
    await settle();
    const start = commands.length;
    expect((await call('GET', '/tickets/queue-counts', 'agent')).status).toBe(200);
    const sent = commands.slice(start + resolution);
    expect(sent.length).toBeGreaterThan(0);
    expect(sent.length).toBeLessThanOrEqual(3);
    expect(sent.filter((c) => /BatchGet/.test(c))).toHaveLength(1);
  });

  it('is for staff: a customer is refused', async () => {
    expect(outcome(await call('GET', '/tickets/queue-counts', 'alice'))).toEqual({ status: 403, code: 'forbidden' });
  });
});

/** Every ticket the overdue queue lists (all pages), as the manager sees it. */
async function overdueListed(): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = null;
  do {
    const res = await call('GET', `/tickets?overdue=true&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, 'manager');
    expect(res.status, raw(res)).toBe(200);
    ids.push(...(res.body!.items as { ticketId: string }[]).map((t) => t.ticketId));
    cursor = res.body!.cursor;
  } while (cursor);
  return ids;
}

/** Fires the `sla` sweep as of `at`, like `npm run schedule -- sla`. */
async function sweepAt(at: string) {
  const [{ invokeEntry }, { schedulePayload }, { scheduleByName }] = await Promise.all([
    import('../../../infra/local/lambda.js'),
    import('../../../infra/local/scheduler.js'),
    import('../../../events/schedules.js'),
  ]);
  const def = scheduleByName('sla')!;
  return (await invokeEntry(def.target, { ...schedulePayload(def, new Date(at)), scheduledTime: at })) as { status: string; detail?: Record<string, number> };
}

describe('the overdue count', () => {
  it('a policy saved through the API applies at once (to a sub-category of its own); a breach counts in `overdue` exactly as the overdue queue lists it, until resolved', async () => {
    const { TicketCategory } = await import('../../../shared/db/entities/ticket-category.js');
    await TicketCategory.create({ categoryId: 'queue-counts-hardware', parentKey: 'root', name: 'Hardware', nameLower: 'hardware', defaultGroupId: groups.north }).go();
    await TicketCategory.create({ categoryId: 'queue-counts-printers', parentKey: 'queue-counts-hardware', name: 'Printers', nameLower: 'printers', defaultGroupId: groups.north }).go();
    // The SLA configuration is cached in this process by the tickets opened so far; the writes must clear it.
    const calendar = await call('POST', '/sla/calendars', 'admin', { name: 'Queue counts 24/7', timezone: 'UTC', mode: 'always', week: [[], [], [], [], [], [], []] });
    expect(calendar.status, raw(calendar)).toBe(201);
    const policy = await call('POST', '/sla/policies', 'admin', {
      name: 'Queue counts hardware', priority: 'high', customerId: corp, categoryId: 'queue-counts-hardware', calendarId: calendar.body!.calendarId, targets: { firstResponse: 5 },
    });
    expect(policy.status, raw(policy)).toBe(201);
    const before = await counts();

    const created = await call('POST', '/tickets', 'alice', { subject: 'Printer offline', description: 'Since this morning.', customerId: corp, categoryId: 'queue-counts-printers', priority: 'high' });
    expect(created.status, raw(created)).toBe(201);
    const ticket = await fresh(created.body!.ticketId);
    const { Ticket } = await import('../../../shared/db/entities/ticket.js');
    const stored = (await Ticket.get({ ticketId: ticket.ticketId }).go()).data!;
    expect(stored.sla).toMatchObject({ policyId: policy.body!.policyId, clocks: { firstResponse: { state: 'running', targetMinutes: 5 } } });

    // The sweep as of 10 minutes after creation: the first response is 5 minutes late.
    const at = new Date(Date.parse(stored.createdAt) + 10 * 60_000).toISOString();
    expect(await sweepAt(at)).toMatchObject({ status: 'succeeded' });
    const breached = await counts();
    const listed = await overdueListed();
    expect(listed).toContain(ticket.ticketId);
    expect(breached.overdue).toBe(listed.length);
    expect(breached.overdue - before.overdue).toBeGreaterThanOrEqual(1);

    await act(ticket.ticketId, 'status', { status: 'resolved' });
    const resolved = await counts();
    const after = await overdueListed();
    expect(after).not.toContain(ticket.ticketId);
    expect(resolved.overdue).toBe(after.length);
    expect(breached.overdue - resolved.overdue).toBe(1);
  });
});

describe('export of "unassigned in my groups"', () => {
  it('exports the union of the caller’s groups, without groupId', async () => {
    const north = await open('north');
    const south = await open('south');
    const res = await call('GET', '/ticket-exports/tickets.csv?queue=unassigned', 'agent');
    expect(res.status, raw(res)).toBe(200);
    const csv = await (await fetch(res.body!.url)).text();
    expect(csv).toContain(`#${north.number}`);
    expect(csv).toContain(`#${south.number}`);
    expect(res.body!.rows).toBe(await activeOrNot('agent'));
  });
});

/** Unassigned tickets (any status) over the agent's groups, from the list routes. */
async function activeOrNot(who: Who): Promise<number> {
  const mine = (await call('GET', '/me/support-groups', who)).body!.groups.map((g: { groupId: string }) => g.groupId) as string[];
  let n = 0;
  for (const g of mine) {
    let cursor: string | null = null;
    do {
      const res = await call('GET', `/tickets?queue=unassigned&groupId=${g}&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, who);
      n += res.body!.items.length;
      cursor = res.body!.cursor;
    } while (cursor);
  }
  return n;
}

describe('names in the staff timeline', () => {
  it('carries the actor’s and the assignee’s names; customers get none', async () => {
    const ticket = await open('north');
    await act(ticket.ticketId, 'assign', { assigneeId: id.agent });
    const members = (await call('GET', `/support-groups/${groups.north}`, 'agent')).body!.members as { userId: string; name: string }[];
    const agentName = members.find((m) => m.userId === id.agent)!.name;
    const managerName = members.find((m) => m.userId === id.manager)!.name;
    const staff = (await call('GET', `/tickets/${ticket.ticketId}/timeline`, 'technician')).body!.items as Record<string, any>[];
    const assigned = staff.find((e) => e.kind === 'assignee')!;
    expect(assigned).toMatchObject({ to: id.agent, toName: agentName, actorId: id.manager, actorName: managerName });
    const customer = (await call('GET', `/tickets/${ticket.ticketId}/timeline`, 'alice')).body!.items as Record<string, any>[];
    expect(customer.length).toBeGreaterThan(0);
    for (const e of customer) for (const key of ['actorName', 'fromName', 'toName']) expect(e).not.toHaveProperty(key);
  });
});
