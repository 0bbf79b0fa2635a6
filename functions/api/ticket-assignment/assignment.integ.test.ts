import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOwnedAccount, outcome, refuseScans, startTestTwin, type Reply, type TestTwin, signInEach } from '../../../infra/local/testing/api.js';

// Support groups, availability, assignment and auto-assignment against the local twin: members
// and their load, assign / unassign / transfer with timeline events, optimistic locking, fairness
// over 100 tickets, and reassignment when an agent's account is disabled.

let test: TestTwin;
type Who = 'admin' | 'manager' | 'agent' | 'technician' | 'alice';
const token: Record<Who, string> = { admin: '', manager: '', agent: '', technician: '', alice: '' };
const id: Record<Who, string> = { admin: '', manager: '', agent: '', technician: '', alice: '' };
const corp = 'assignment-test-corp';
const call = (method: string, path: string, who: Who, body?: unknown) => test.call(method, path, token[who], body);
const raw = (r: Reply) => JSON.stringify(r.body);
const assignmentWrites = () => test.writesOf('ticket', 'ticketEvent', 'agentLoad');

let desk: Record<string, any>;
let workshop: Record<string, any>;
let deskCategory: Record<string, any>;

async function createGroup(name: string, members: Who[]): Promise<Record<string, any>> {
  const group = await call('POST', '/support-groups', 'admin', { name, description: `${name} team`, leadId: id.manager });
  expect(group.status, raw(group)).toBe(201);
  for (const who of members) {
    const added = await call('POST', `/support-groups/${group.body!.groupId}/members/${id[who]}`, 'admin');
    expect(added.status, raw(added)).toBe(200);
  }
  return group.body!;
}

async function open(priority = 'medium'): Promise<Record<string, any>> {
  const res = await call('POST', '/tickets', 'alice', { subject: 'Mail server down', description: 'Since 9am.', customerId: corp, categoryId: deskCategory.categoryId, priority });
  expect(res.status, raw(res)).toBe(201);
  return (await call('GET', `/tickets/${res.body!.ticketId}`, 'agent')).body!;
}

const members = async (groupId: string) =>
  Object.fromEntries(((await call('GET', `/support-groups/${groupId}`, 'agent')).body!.members as Record<string, any>[]).map((m) => [m.userId, m]));

/** Newest first. */
const timeline = async (ticketId: string) => (await call('GET', `/tickets/${ticketId}/timeline`, 'manager')).body!.items as Record<string, any>[];

beforeAll(async () => {
  test = await startTestTwin('assignment');
  await signInEach(test, { admin: 'admin@cloudmanager.example', manager: 'manager@cloudmanager.example', agent: 'agent@cloudmanager.example', technician: 'technician@cloudmanager.example', alice: 'customer@cloudmanager.example' }, token, id);
  await createOwnedAccount({ customerId: corp, type: 'corporate', name: 'Alice Trading SARL', currency: 'DZD' }, { userId: id.alice, name: 'Chloé', email: 'customer@cloudmanager.example' });
}, 180_000);

afterAll(async () => {
  await test?.stop();
});

describe('support groups', () => {
  it('helpdesk defaults (for the seed): the default group with its members and starter categories, idempotent', async () => {
    const { ensureHelpdeskDefaults } = await import('../../../shared/tickets/categories.js');

    await ensureHelpdeskDefaults({ memberIds: [id.agent], addedBy: id.admin });
    await ensureHelpdeskDefaults({ memberIds: [id.agent], addedBy: id.admin });

    const support = await call('GET', '/support-groups/support', 'manager');
    const tree = await call('GET', '/ticket-categories', 'alice');
    expect(support.body!.group).toMatchObject({ name: 'Support', isDefault: true, memberCount: 1 });
    expect(support.body!.members.map((m: { userId: string }) => m.userId)).toEqual([id.agent]);
    expect(tree.body!.items.map((c: { name: string; requiresQc: boolean }) => [c.name, c.requiresQc])).toEqual([
      ['Billing', false],
      ['General', false],
      ['Repairs', true],
    ]);
  });

  it('creates groups with a lead and staff members; the default group always exists', async () => {
    desk = await createGroup('Desk', ['admin', 'manager', 'agent', 'technician']);
    workshop = await createGroup('Workshop', ['manager']);

    const list = await call('GET', '/support-groups', 'technician');
    const detail = await call('GET', `/support-groups/${desk.groupId}`, 'agent');

    expect(list.body!.items.map((g: { name: string }) => g.name)).toEqual(expect.arrayContaining(['Desk', 'Support', 'Workshop']));
    expect(list.body!.items.find((g: { isDefault: boolean }) => g.isDefault)).toMatchObject({ groupId: 'support', name: 'Support' });
    expect(detail.body!.group).toMatchObject({ name: 'Desk', leadId: id.manager, memberCount: 4, version: 1 });
    expect(detail.body!.members).toHaveLength(4);
    expect(detail.body!.members.find((m: { userId: string }) => m.userId === id.manager)).toMatchObject({ isLead: true, available: true, load: 0, openTickets: 0 });
  });

  it('refuses customers as members, unknown users and groups; adding twice is idempotent', async () => {
    const before = test.writesOf('groupMember', 'supportGroup');

    const customer = await call('POST', `/support-groups/${desk.groupId}/members/${id.alice}`, 'admin');
    const unknownUser = await call('POST', `/support-groups/${desk.groupId}/members/nope`, 'admin');
    const unknownGroup = await call('POST', `/support-groups/nope/members/${id.agent}`, 'admin');
    const byManager = await call('POST', `/support-groups/${desk.groupId}/members/${id.agent}`, 'manager');
    const byCustomer = await call('GET', '/support-groups', 'alice');
    const twice = await call('POST', `/support-groups/${desk.groupId}/members/${id.agent}`, 'admin');

    expect(customer.body!.error.details).toEqual([expect.objectContaining({ path: 'path.userId', code: 'not_active_staff' })]);
    expect(outcome(unknownUser)).toEqual({ status: 404, code: 'not_found' });
    expect(outcome(unknownGroup)).toEqual({ status: 404, code: 'not_found' });
    expect(byManager.status).toBe(403);
    expect(byCustomer.status).toBe(403);
    expect(twice.body).toMatchObject({ userId: id.agent });
    expect(test.writesOf('groupMember', 'supportGroup')).toBe(before);
    expect((await call('GET', `/support-groups/${desk.groupId}`, 'agent')).body!.group.memberCount).toBe(4);
  });

  it('my groups and availability: the technician marks himself unavailable', async () => {
    const off = await call('PUT', '/me/availability', 'technician', { available: false });
    const mine = await call('GET', '/me/support-groups', 'manager');

    expect(off.body).toEqual({ available: false, load: 0, openTickets: 0 });
    expect(mine.body!.groups.map((g: { name: string }) => g.name)).toEqual(expect.arrayContaining(['Desk', 'Workshop']));
    expect(mine.body!.state).toMatchObject({ available: true });
    expect((await members(desk.groupId))[id.technician]).toMatchObject({ available: false });
    expect((await call('PUT', '/me/availability', 'alice', { available: false })).status).toBe(403);
  });

  it('edits with the version read and refuses to delete a group in use', async () => {
    const edited = await call('PUT', `/support-groups/${workshop.groupId}`, 'admin', { version: 1, name: 'Workshop', description: 'Repairs', leadId: null });
    const stale = await call('PUT', `/support-groups/${workshop.groupId}`, 'admin', { version: 1, name: 'Old', description: '' });
    const defaultGroup = await call('DELETE', '/support-groups/support', 'admin');

    expect(edited.body).toMatchObject({ description: 'Repairs', leadId: null, version: 2 });
    expect(outcome(stale)).toEqual({ status: 409, code: 'conflict' });
    expect(outcome(defaultGroup)).toEqual({ status: 409, code: 'group_in_use' });
    const spare = await createGroup('Spare', ['agent']);
    expect((await call('DELETE', `/support-groups/${spare.groupId}`, 'admin')).status).toBe(204);
    expect(outcome(await call('GET', `/support-groups/${spare.groupId}`, 'agent'))).toEqual({ status: 404, code: 'not_found' });
    const agentGroups = (await call('GET', '/me/support-groups', 'agent')).body!.groups.map((g: { name: string }) => g.name);
    expect(agentGroups).toContain('Desk');
    expect(agentGroups).not.toContain('Spare');
  });
});

describe('list routes', () => {
  it('answer with at most 3 DynamoDB commands and no Scan', async () => {
    const commands = await refuseScans();
    const settle = async () => {
      for (let seen = -1; seen !== commands.length; ) {
        seen = commands.length;
        await new Promise((resolve) => setTimeout(resolve, 300));
      }
    };
    // What resolving the caller costs: a request refused at input validation, just before.
    const sent = async (path: string) => {
      await settle();
      const base = commands.length;
      expect((await call('GET', '/support-groups?limit=0', 'manager')).status).toBe(400);
      const resolution = commands.length - base;
      await settle();
      const start = commands.length;
      const reply = await call('GET', path, 'manager');
      expect(reply.status, raw(reply)).toBe(200);
      return commands.slice(start + resolution);
    };

    for (const path of ['/support-groups', `/support-groups/${desk.groupId}`, '/me/support-groups', '/ticket-categories?includeInactive=true']) {
      const used = await sent(path);
      expect(used.length, `${path}: ${used.join(', ')}`).toBeLessThanOrEqual(3);
      expect(used.length).toBeGreaterThanOrEqual(1);
    }
  });
});

describe('auto-assignment', () => {
  it('100 tickets over 3 available agents: weighted loads differ by at most the largest weight, the unavailable one gets none, ties rotate', async () => {
    const { Ticket } = await import('../../../shared/db/entities/ticket.js');
    const { autoAssign } = await import('../../../shared/tickets/assignment.js');
    const priorities = ['low', 'urgent', 'medium', 'high', 'medium', 'low', 'urgent', 'high', 'low', 'medium', 'high'] as const;
    const order: string[] = [];
    for (let i = 0; i < 100; i++) {
      const ticketId = `fairness-${String(i).padStart(3, '0')}`;
      const { data } = await Ticket.create({
        ticketId, number: String(100_000 + i), subject: `Fairness ${i}`, description: 'd', customerId: corp, requesterEmail: 'customer@cloudmanager.example',
        channel: 'staff', categoryId: 'none', priority: priorities[(i * 7) % priorities.length]!, groupId: desk.groupId, assigneeKey: `unassigned#${desk.groupId}`, createdBy: id.admin,
      }).go();
      const assigned = await autoAssign(data, 'system');
      order.push(assigned.assigneeId!);
    }

    const loads = await members(desk.groupId);
    const available = [id.admin, id.manager, id.agent].map((u) => loads[u].load as number);
    expect(Math.max(...available) - Math.min(...available)).toBeLessThanOrEqual(5);
    expect(order.filter(Boolean)).toHaveLength(100);
    expect(order).not.toContain(id.technician);
    expect(loads[id.technician]).toMatchObject({ load: 0, openTickets: 0 });
    expect([id.admin, id.manager, id.agent].map((u) => loads[u].openTickets).reduce((a: number, b: number) => a + b, 0)).toBe(100);
    // all start at 0: the first three go to three different agents
    expect(new Set(order.slice(0, 3)).size).toBe(3);
  }, 120_000);

  it('a customer ticket is auto-assigned on creation, with an assignee event by the system', async () => {
    const category = await call('POST', '/ticket-categories', 'admin', { name: 'Email', defaultGroupId: desk.groupId });
    deskCategory = category.body!;

    const ticket = await open('high');

    expect(ticket.groupId).toBe(desk.groupId);
    expect([id.admin, id.manager, id.agent]).toContain(ticket.assigneeId);
    expect(await timeline(ticket.ticketId)).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'assignee', to: ticket.assigneeId })]));
  });
});

describe('assign, unassign, transfer', () => {
  it('assigns by hand to a group member (availability does not matter), moving the load; the timeline records it', async () => {
    const ticket = await open('high');
    const before = await members(desk.groupId);

    const assigned = await call('POST', `/tickets/${ticket.ticketId}/assign`, 'agent', { version: ticket.version, assigneeId: id.technician });

    expect(assigned.status, raw(assigned)).toBe(200);
    expect(assigned.body).toMatchObject({ assigneeId: id.technician, version: ticket.version + 1 });
    const after = await members(desk.groupId);
    expect(after[id.technician]).toMatchObject({ load: 3, openTickets: 1 });
    expect(after[ticket.assigneeId].load).toBe(before[ticket.assigneeId].load - 3);
    expect((await timeline(ticket.ticketId))[0]).toMatchObject({ kind: 'assignee', from: ticket.assigneeId, to: id.technician, actorId: id.agent });
  });

  it('refuses a non-member, a stale version, a customer, writing nothing', async () => {
    const ticket = await open();
    const before = assignmentWrites();

    const customer = await call('POST', `/tickets/${ticket.ticketId}/assign`, 'agent', { version: ticket.version, assigneeId: id.alice });
    const stale = await call('POST', `/tickets/${ticket.ticketId}/assign`, 'agent', { version: ticket.version + 5, assigneeId: id.manager });
    const byCustomer = await call('POST', `/tickets/${ticket.ticketId}/assign`, 'alice', { version: ticket.version, assigneeId: id.manager });
    const byTechnician = await call('POST', `/tickets/${ticket.ticketId}/unassign`, 'technician', { version: ticket.version });
    const missing = await call('POST', '/tickets/nope/assign', 'agent', { version: 1, assigneeId: id.manager });

    expect(customer.body!.error.details).toEqual([expect.objectContaining({ path: 'body.assigneeId', code: 'not_group_member' })]);
    expect(outcome(stale)).toEqual({ status: 409, code: 'conflict' });
    expect(byCustomer.status).toBe(403);
    expect(byTechnician.status).toBe(403);
    expect(outcome(missing)).toEqual({ status: 404, code: 'not_found' });
    expect(assignmentWrites()).toBe(before);
  });

  it('two agents assigning the same version at once: one wins, the other gets 409 conflict', async () => {
    const ticket = await open();
    const target = ticket.assigneeId === id.manager ? id.agent : id.manager;
    const other = ticket.assigneeId === id.admin ? id.agent : id.admin;

    const replies = await Promise.all([
      call('POST', `/tickets/${ticket.ticketId}/assign`, 'agent', { version: ticket.version, assigneeId: target }),
      call('POST', `/tickets/${ticket.ticketId}/assign`, 'manager', { version: ticket.version, assigneeId: other }),
    ]);

    expect(replies.map((r) => r.status).sort()).toEqual([200, 409]);
    const winner = replies.find((r) => r.status === 200)!.body!;
    expect((await call('GET', `/tickets/${ticket.ticketId}`, 'agent')).body).toMatchObject({ assigneeId: winner.assigneeId, version: ticket.version + 1 });
  });

  it('unassigns back to the group queue and frees the load', async () => {
    const ticket = await open('low');
    const before = await members(desk.groupId);

    const unassigned = await call('POST', `/tickets/${ticket.ticketId}/unassign`, 'manager', { version: ticket.version });

    expect(unassigned.body).not.toHaveProperty('assigneeId');
    expect((await members(desk.groupId))[ticket.assigneeId].load).toBe(before[ticket.assigneeId].load - 1);
    const queue = await call('GET', `/tickets?queue=unassigned&groupId=${desk.groupId}&limit=100`, 'manager');
    expect(queue.body!.items.map((t: { ticketId: string }) => t.ticketId)).toContain(ticket.ticketId);
    expect((await timeline(ticket.ticketId))[0]).toMatchObject({ kind: 'assignee', from: ticket.assigneeId, actorId: id.manager });
  });

  it('transfers to another group with a reason: auto-assigned there, group and assignee events carry the reason', async () => {
    const ticket = await open();
    const noReason = await call('POST', `/tickets/${ticket.ticketId}/transfer`, 'agent', { version: ticket.version, groupId: workshop.groupId });
    const same = await call('POST', `/tickets/${ticket.ticketId}/transfer`, 'agent', { version: ticket.version, groupId: desk.groupId, reason: 'x' });
    const unknown = await call('POST', `/tickets/${ticket.ticketId}/transfer`, 'agent', { version: ticket.version, groupId: 'nope', reason: 'x' });

    const moved = await call('POST', `/tickets/${ticket.ticketId}/transfer`, 'agent', { version: ticket.version, groupId: workshop.groupId, reason: 'Needs a bench repair' });

    expect(outcome(noReason)).toEqual({ status: 400, code: 'validation_failed' });
    expect(same.body!.error.details).toEqual([expect.objectContaining({ code: 'same_group' })]);
    expect(unknown.body!.error.details).toEqual([expect.objectContaining({ code: 'unknown_group' })]);
    expect(moved.body).toMatchObject({ groupId: workshop.groupId, assigneeId: id.manager, version: ticket.version + 1 });
    const events = (await timeline(ticket.ticketId)).slice(0, 2);
    expect(events).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'group', from: desk.groupId, to: workshop.groupId, reason: 'Needs a bench repair' }),
        expect.objectContaining({ kind: 'assignee', from: ticket.assigneeId, to: id.manager, reason: 'Needs a bench repair' }),
      ]),
    );
  });

  it('a group with nobody available keeps transferred tickets unassigned in its queue', async () => {
    const empty = await createGroup('Night shift', []);
    const ticket = await open();

    const moved = await call('POST', `/tickets/${ticket.ticketId}/transfer`, 'manager', { version: ticket.version, groupId: empty.groupId, reason: 'After hours' });

    expect(moved.body).toMatchObject({ groupId: empty.groupId });
    expect(moved.body).not.toHaveProperty('assigneeId');
  });
});

describe('deactivation', () => {
  it("disabling an agent moves their active tickets to the group's other available members", async () => {
    const { Ticket } = await import('../../../shared/db/entities/ticket.js');
    const theirs = (await Ticket.query.byAssignee({ assigneeKey: id.agent }).go({ pages: 'all' })).data.filter((t) => t.status === 'open');
    expect(theirs.length).toBeGreaterThan(0);

    const disabled = await call('POST', `/users/${id.agent}/disable`, 'admin');

    expect(disabled.status, raw(disabled)).toBe(200);
    expect((await Ticket.query.byAssignee({ assigneeKey: id.agent }).go({ pages: 'all' })).data).toHaveLength(0);
    const sample = (await Ticket.get({ ticketId: theirs[0]!.ticketId }).go()).data!;
    expect([id.admin, id.manager]).toContain(sample.assigneeId);
    expect((await timeline(sample.ticketId))[0]).toMatchObject({ kind: 'assignee', from: id.agent, to: sample.assigneeId, reason: 'assignee_deactivated', actorId: id.admin });
    const loads = await call('GET', `/support-groups/${desk.groupId}`, 'manager');
    expect(loads.body!.members.find((m: { userId: string }) => m.userId === id.agent)).toMatchObject({ load: 0, openTickets: 0 });
  }, 120_000);
});
