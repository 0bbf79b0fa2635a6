import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOwnedAccount, outcome, refuseScans, startTestTwin, type Reply, type TestTwin, signInEach } from '../../../infra/local/testing/api.js';

// Tickets core against the local twin: create (customer and staff), lookup, lifecycle with the QC
// gate, optimistic locking, customer close and rating, lists (counting DynamoDB commands), and
// isolation between customers. Categories are written straight through the entity.

let test: TestTwin;
let commands: string[] = [];
type Who = 'alice' | 'bob' | 'agent' | 'manager' | 'technician';
const token: Record<Who, string> = { alice: '', bob: '', agent: '', manager: '', technician: '' };
const userId: Partial<Record<Who, string>> = {};
/** Alice (customer@) owns `corp`; Bob (customer2@) owns `other`. */
const corp = 'tickets-test-corp';
const other = 'tickets-test-other';
const general = 'tickets-test-general';
const qcCategory = 'tickets-test-qc';
const groupId = 'tickets-test-group';
const notFound = { status: 404, code: 'not_found' };
const call = (method: string, path: string, who: Who, body?: unknown) => test.call(method, path, token[who], body);
const raw = (r: Reply) => JSON.stringify(r.body);

async function open(who: Who, over: Record<string, unknown> = {}): Promise<Record<string, any>> {
  const res = await call('POST', '/tickets', who, { subject: 'Printer jammed on floor 3', description: 'Paper stuck.', customerId: corp, categoryId: general, ...over });
  expect(res.status, raw(res)).toBe(201);
  return res.body!;
}

async function move(ticket: Record<string, any>, status: string, who: Who = 'agent', reason?: string) {
  return call('POST', `/tickets/${ticket.ticketId}/status`, who, { version: ticket.version, status, ...(reason ? { reason } : {}) });
}

/** Waits until no DynamoDB command was sent for a while (the stream's audit writes of earlier changes run in the background). */
async function settle(): Promise<void> {
  for (let seen = -1; seen !== commands.length; ) {
    seen = commands.length;
    await new Promise((resolve) => setTimeout(resolve, 400));
  }
}

/**
 * Commands the list handler itself sent: the request's minus those of a refused request of the
 * same caller just before (the API server's resolution of the caller, before input validation).
 */
async function handlerCommands(path: string, who: Who): Promise<{ reply: Reply; sent: string[] }> {
  await settle();
  const base = commands.length;
  const refused = await call('GET', `${path.startsWith('/me') ? '/me/tickets?customerId=' : '/tickets?q='}`, who);
  expect(refused.status).toBe(400);
  const resolution = commands.length - base;
  await settle();
  const start = commands.length;
  const reply = await call('GET', path, who);
  expect(reply.status, raw(reply)).toBe(200);
  return { reply, sent: commands.slice(start + resolution) };
}

beforeAll(async () => {
  test = await startTestTwin('tickets');
  await signInEach(test, { alice: 'customer@cloudmanager.example', bob: 'customer2@cloudmanager.example', agent: 'agent@cloudmanager.example', manager: 'manager@cloudmanager.example', technician: 'technician@cloudmanager.example' }, token, userId);
  await createOwnedAccount({ customerId: corp, type: 'corporate', name: 'Alice Trading SARL', currency: 'DZD' }, { userId: userId.alice!, name: 'Chloé', email: 'customer@cloudmanager.example' });
  await createOwnedAccount({ customerId: other, type: 'individual', name: 'Bob Person', currency: 'DZD' }, { userId: userId.bob!, name: 'Karim', email: 'customer2@cloudmanager.example' });
  const { Customer } = await import('../../../shared/db/entities/customer.js');
  await Customer.patch({ customerId: corp }).set({ email: 'it@alice-trading.example' }).go();
  const { TicketCategory } = await import('../../../shared/db/entities/ticket-category.js');
  await TicketCategory.create({ categoryId: general, parentKey: 'root', name: 'General', nameLower: 'general', defaultGroupId: groupId }).go();
  await TicketCategory.create({ categoryId: qcCategory, parentKey: 'root', name: 'Installations', nameLower: 'installations', defaultGroupId: groupId, requiresQc: true }).go();
  commands = await refuseScans();
}, 180_000);

afterAll(async () => {
  await test?.stop();
});

describe('creating tickets', () => {
  it('a customer opens a ticket on their account: numbered, web channel, they are the requester, public fields only', async () => {
    const ticket = await open('alice', { priority: 'high' });

    expect(ticket).toMatchObject({ status: 'open', channel: 'web', priority: 'high', customerId: corp, requesterId: userId.alice, requesterEmail: 'customer@cloudmanager.example', version: 1 });
    expect(ticket.number).toMatch(/^[1-9][0-9]{5}$/);
    for (const key of ['groupId', 'assigneeId', 'qcRequired', 'tags', 'allowedTransitions']) expect(ticket).not.toHaveProperty(key);
    const staffView = await call('GET', `/tickets/${ticket.ticketId}`, 'agent');
    expect(staffView.body).toMatchObject({ groupId, qcRequired: false, allowedTransitions: ['in_progress', 'waiting_on_customer', 'on_hold', 'resolved', 'closed'] });
    const timeline = await call('GET', `/tickets/${ticket.ticketId}/timeline`, 'alice');
    expect(timeline.body!.items).toMatchObject([{ kind: 'created', to: 'open', actorId: userId.alice }]);
  });

  it('staff open a ticket on behalf of a customer, naming the requesting contact and the channel', async () => {
    const ticket = await open('agent', { requesterId: userId.alice, channel: 'phone', priority: 'urgent' });

    expect(ticket).toMatchObject({ channel: 'phone', priority: 'urgent', requesterId: userId.alice, createdBy: userId.agent, groupId });
    expect(outcome(await call('GET', `/tickets/${ticket.ticketId}`, 'alice'))).toEqual({ status: 200, code: undefined });
  });

  it('refuses bad input and foreign accounts, writing nothing', async () => {
    const before = (await call('GET', `/me/tickets?customerId=${corp}&scope=company&limit=100`, 'alice')).body!.items.length;

    const urgent = await call('POST', '/tickets', 'alice', { subject: 's', description: 'd', customerId: corp, categoryId: general, priority: 'urgent' });
    const foreign = await call('POST', '/tickets', 'bob', { subject: 's', description: 'd', customerId: corp, categoryId: general });
    const unknownCategory = await call('POST', '/tickets', 'alice', { subject: 's', description: 'd', customerId: corp, categoryId: 'nope' });
    const foreignRequester = await call('POST', '/tickets', 'agent', { subject: 's', description: 'd', customerId: corp, categoryId: general, requesterId: userId.bob });
    const missing = await call('POST', '/tickets', 'alice', { description: 'd', customerId: corp, categoryId: general });
    const technician = await call('POST', '/tickets', 'technician', { subject: 's', description: 'd', customerId: corp, categoryId: general });

    expect(outcome(urgent)).toEqual({ status: 400, code: 'validation_failed' });
    expect(outcome(foreign)).toEqual(notFound);
    expect(outcome(unknownCategory)).toMatchObject({ status: 400 });
    expect(outcome(foreignRequester)).toEqual({ status: 400, code: 'validation_failed' });
    expect(missing.body!.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'body.subject' })]));
    expect(technician.status).toBe(403);
    expect((await call('GET', `/me/tickets?customerId=${corp}&scope=company&limit=100`, 'alice')).body!.items).toHaveLength(before);
  });
});

describe('lookup by number', () => {
  it('isolation: GET /tickets/by-number/{number} — finds the caller\'s ticket; another customer gets 404', async () => {
    const ticket = await open('alice');

    const mine = await call('GET', `/tickets/by-number/${ticket.number}`, 'alice');
    const staff = await call('GET', `/tickets/by-number/%23${ticket.number}`, 'technician');
    const foreign = await call('GET', `/tickets/by-number/${ticket.number}`, 'bob');

    expect(mine.body).toMatchObject({ ticketId: ticket.ticketId });
    expect(staff.body).toMatchObject({ ticketId: ticket.ticketId });
    expect(outcome(foreign)).toEqual(notFound);
    expect(outcome(await call('GET', '/tickets/by-number/12345', 'agent'))).toEqual({ status: 400, code: 'validation_failed' });
  });
});

describe('lifecycle', () => {
  it('refuses a move outside the table with invalid_status_transition, writing nothing', async () => {
    const ticket = await open('alice');

    const refused = await move(ticket, 'answered');

    expect(refused.status).toBe(409);
    expect(refused.body!.error).toMatchObject({ code: 'invalid_status_transition', details: { from: 'open', to: 'answered', refusal: 'not_in_table' } });
    expect((await call('GET', `/tickets/${ticket.ticketId}`, 'agent')).body).toMatchObject({ status: 'open', version: 1 });
  });

  it('a QC ticket resolves only after a QC pass by a holder of tickets:qc; outcomes are recorded; customers never see QC', async () => {
    let t = await open('alice', { categoryId: qcCategory });
    const step = async (status: string, who: Who = 'agent', reason?: string) => {
      const res = await move(t, status, who, reason);
      expect(res.status, raw(res)).toBe(200);
      t = res.body!;
    };
    await step('in_progress');

    const early = await move(t, 'resolved');
    expect(early.body!.error).toMatchObject({ code: 'invalid_status_transition', details: { refusal: 'qc_required' } });
    await step('waiting_qc');
    expect(outcome(await move(t, 'qc_pass', 'agent'))).toEqual({ status: 403, code: 'forbidden' });
    expect(outcome(await move(t, 'qc_fail', 'manager'))).toEqual({ status: 400, code: 'validation_failed' });
    await step('qc_fail', 'manager', 'Cabling not tested');
    expect(t).toMatchObject({ qcOutcome: 'fail', qcReason: 'Cabling not tested', qcBy: userId.manager });
    await step('in_progress');
    await step('waiting_qc');
    await step('qc_pass', 'manager');
    await step('resolved');

    expect(t).toMatchObject({ status: 'resolved', qcOutcome: 'pass', qcBy: userId.manager });
    expect(t).not.toHaveProperty('qcReason');
    expect(t.resolvedAt).toEqual(expect.any(String));
    const staffTimeline = await call('GET', `/tickets/${t.ticketId}/timeline`, 'agent');
    expect(staffTimeline.body!.items.filter((e: { kind: string }) => e.kind === 'qc').map((e: { to: string }) => e.to)).toEqual(['pass', 'fail']);
    const customerTimeline = await call('GET', `/tickets/${t.ticketId}/timeline`, 'alice');
    expect(raw(customerTimeline)).not.toMatch(/qc|Cabling/);
    expect(customerTimeline.body!.items.map((e: { kind: string; to?: string }) => `${e.kind}:${e.to}`)).toEqual(['status:resolved', 'status:in_progress', 'created:open']);
    expect((await call('GET', `/tickets/${t.ticketId}`, 'alice')).body).not.toHaveProperty('qcOutcome');
  });

  it('two agents saving the same version at once: one wins, the other gets 409 conflict, nothing is lost', async () => {
    const ticket = await open('alice');

    const [a, b] = await Promise.all([
      call('PATCH', `/tickets/${ticket.ticketId}`, 'agent', { version: 1, priority: 'urgent' }),
      call('PATCH', `/tickets/${ticket.ticketId}`, 'manager', { version: 1, subject: 'Printer on fire' }),
    ]);

    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const loser = a.status === 409 ? a : b;
    expect(loser.body!.error.code).toBe('conflict');
    const winner = a.status === 200 ? a : b;
    expect(winner.body!.version).toBe(2);
    const retry = a.status === 409
      ? await call('PATCH', `/tickets/${ticket.ticketId}`, 'agent', { version: 2, priority: 'urgent' })
      : await call('PATCH', `/tickets/${ticket.ticketId}`, 'manager', { version: 2, subject: 'Printer on fire' });
    expect(retry.body).toMatchObject({ priority: 'urgent', subject: 'Printer on fire', version: 3 });
    const kinds = (await call('GET', `/tickets/${ticket.ticketId}/timeline`, 'agent')).body!.items.map((e: { kind: string }) => e.kind);
    expect(kinds.sort()).toEqual(['created', 'priority', 'subject']);
    const found = await call('GET', '/tickets?q=fire%20printer', 'agent');
    expect(found.body!.items.map((t: { ticketId: string }) => t.ticketId)).toContain(ticket.ticketId);
  });
});

describe('customer close and satisfaction', () => {
  it('isolation: POST /tickets/{ticketId}/satisfaction — only after resolution, never on another customer\'s ticket', async () => {
    let t = await open('alice');
    expect(outcome(await call('POST', `/tickets/${t.ticketId}/satisfaction`, 'alice', { version: 1, rating: 5 }))).toEqual({ status: 409, code: 'ticket_not_resolved' });
    t = (await move(t, 'resolved')).body!;

    const foreign = await call('POST', `/tickets/${t.ticketId}/satisfaction`, 'bob', { version: t.version, rating: 1 });
    const rated = await call('POST', `/tickets/${t.ticketId}/satisfaction`, 'alice', { version: t.version, rating: 4, comment: 'Quick, thanks' });
    const outOfRange = await call('POST', `/tickets/${t.ticketId}/satisfaction`, 'alice', { version: t.version + 1, rating: 6 });

    expect(outcome(foreign)).toEqual(notFound);
    expect(rated.body).toMatchObject({ satisfactionRating: 4, satisfactionComment: 'Quick, thanks', version: t.version + 1 });
    expect(outcome(outOfRange)).toEqual({ status: 400, code: 'validation_failed' });
  });

  it('isolation: POST /tickets/{ticketId}/close — the customer closes their ticket; another customer gets 404', async () => {
    const t = await open('alice');

    const foreign = await call('POST', `/tickets/${t.ticketId}/close`, 'bob', { version: 1 });
    const closed = await call('POST', `/tickets/${t.ticketId}/close`, 'alice', { version: 1 });
    const again = await call('POST', `/tickets/${t.ticketId}/close`, 'alice', { version: 2 });

    expect(outcome(foreign)).toEqual(notFound);
    expect(closed.body).toMatchObject({ status: 'closed', version: 2 });
    expect(again.body!.error).toMatchObject({ code: 'invalid_status_transition', details: { from: 'closed', to: 'closed' } });
    expect(outcome(await call('POST', `/tickets/${t.ticketId}/close`, 'agent', { version: 2 }))).toMatchObject({ status: 403 });
  });
});

describe('isolation between customers', () => {
  it('isolation: GET /tickets/{ticketId} — another customer\'s ticket is not found', async () => {
    const t = await open('alice');

    expect(outcome(await call('GET', `/tickets/${t.ticketId}`, 'bob'))).toEqual(notFound);
    expect(outcome(await call('GET', `/tickets/${t.ticketId}`, 'alice'))).toEqual({ status: 200, code: undefined });
  });

  it('isolation: GET /tickets/{ticketId}/timeline — another customer\'s timeline is not found', async () => {
    const t = await open('alice');

    expect(outcome(await call('GET', `/tickets/${t.ticketId}/timeline`, 'bob'))).toEqual(notFound);
  });

  it('staff-only routes refuse customers; PATCH /tickets/{ticketId} and POST .../status', async () => {
    const t = await open('alice');

    expect((await call('PATCH', `/tickets/${t.ticketId}`, 'alice', { version: 1, priority: 'low' })).status).toBe(403);
    expect((await call('POST', `/tickets/${t.ticketId}/status`, 'alice', { version: 1, status: 'closed' })).status).toBe(403);
    expect((await call('GET', `/tickets/${t.ticketId}`, 'agent')).body).toMatchObject({ version: 1, status: 'open' });
  });
});

describe('lists', () => {
  it('staff queues and searches: index-served, at most 3 DynamoDB commands from the handler, never a Scan', async () => {
    const t = await open('alice', { subject: 'Zebra scanner offline' });
    const staffMade = await open('agent', { subject: 'Zebra label printer', channel: 'email', priority: 'low', requesterId: userId.alice });
    const { Ticket } = await import('../../../shared/db/entities/ticket.js');
    const { TicketSearchKey } = await import('../../../shared/db/entities/ticket-search-key.js');
    await Ticket.patch({ ticketId: t.ticketId }).set({ tags: ['VIP'] }).go();
    await TicketSearchKey.put({ term: 't:vip', createdAt: t.createdAt, ticketId: t.ticketId }).go();

    const ids = (r: Reply) => r.body!.items.map((x: { ticketId: string }) => x.ticketId);
    const cases: [string, string[], string[]][] = [
      [`/tickets?queue=unassigned&groupId=${groupId}&limit=100`, [t.ticketId, staffMade.ticketId], []],
      [`/tickets?queue=group&groupId=${groupId}&channel=email`, [staffMade.ticketId], [t.ticketId]],
      ['/tickets?queue=all&priority=low&limit=100', [staffMade.ticketId], [t.ticketId]],
      ['/tickets?q=zebra', [t.ticketId, staffMade.ticketId], []],
      ['/tickets?q=zebra%20scanner', [t.ticketId], [staffMade.ticketId]],
      ['/tickets?requester=CUSTOMER%40cloudmanager.example&limit=100', [t.ticketId, staffMade.ticketId], []],
      ['/tickets?tag=vip', [t.ticketId], [staffMade.ticketId]],
      ['/tickets?queue=mine', [], [t.ticketId, staffMade.ticketId]],
    ];
    for (const [path, present, absent] of cases) {
      const { reply, sent } = await handlerCommands(path, 'agent');
      expect(sent.length, `${path}: ${sent.join(', ')}`).toBeLessThanOrEqual(3);
      expect(sent.filter((c) => /Scan/.test(c))).toEqual([]);
      for (const id of present) expect(ids(reply), path).toContain(id);
      for (const id of absent) expect(ids(reply), path).not.toContain(id);
    }
    const newestFirst = (await call('GET', '/tickets?q=zebra', 'agent')).body!.items.map((x: { createdAt: string }) => x.createdAt);
    expect(newestFirst).toEqual([...newestFirst].sort().reverse());
  });

  it('pages with a cursor, newest first, without repeats', async () => {
    for (let i = 0; i < 3; i++) await open('alice', { subject: `Pager check ${i}` });

    const first = await call('GET', '/tickets?q=pager&limit=2', 'agent');
    const second = await call('GET', `/tickets?q=pager&limit=2&cursor=${encodeURIComponent(first.body!.cursor)}`, 'agent');

    expect(first.body!.items).toHaveLength(2);
    const subjects = [...first.body!.items, ...second.body!.items].map((x: { subject: string }) => x.subject);
    expect(subjects).toEqual(['Pager check 2', 'Pager check 1', 'Pager check 0']);
    expect(outcome(await call('GET', '/tickets?cursor=not-a-cursor', 'agent'))).toEqual({ status: 400, code: 'invalid_cursor' });
  });

  it('customers list their own tickets per account, never another account\'s', async () => {
    const mine = await open('alice', { subject: 'Only mine' });
    const onBehalf = await open('agent', { subject: 'Raised by phone' });
    expect(onBehalf).toMatchObject({ requesterEmail: 'it@alice-trading.example', channel: 'staff' });
    expect(onBehalf).not.toHaveProperty('requesterId');

    const { reply: own, sent } = await handlerCommands(`/me/tickets?customerId=${corp}&limit=100`, 'alice');
    const company = await call('GET', `/me/tickets?customerId=${corp}&scope=company&limit=100`, 'alice');
    const foreign = await call('GET', `/me/tickets?customerId=${corp}`, 'bob');
    const bobs = await call('GET', `/me/tickets?customerId=${other}&scope=company`, 'bob');

    expect(sent.length, sent.join(', ')).toBeLessThanOrEqual(3);
    const ids = (r: Reply) => r.body!.items.map((x: { ticketId: string }) => x.ticketId);
    expect(ids(own)).toContain(mine.ticketId);
    expect(ids(own)).not.toContain(onBehalf.ticketId);
    expect(ids(company)).toEqual(expect.arrayContaining([mine.ticketId, onBehalf.ticketId]));
    expect(outcome(foreign)).toEqual(notFound);
    expect(ids(bobs)).toEqual([]);
    expect(raw(company)).not.toMatch(/"groupId"|"assigneeId"|"qcRequired"/);
    expect((await call('GET', '/tickets', 'alice')).status).toBe(403);
  });
});
