import { randomInt, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOwnedAccount, outcome, startTestTwin, subOf, type TestTwin } from '../../../infra/local/testing/api.js';

// Tags, watchers, merge and links against the local twin. Tickets and their conversation are
// written straight through the entities (the tickets and conversation domains have their own tests).

let test: TestTwin;
type Who = 'alice' | 'bob' | 'agent' | 'admin';
const token: Record<Who, string> = { alice: '', bob: '', agent: '', admin: '' };
const userId: Record<string, string> = {};
/** Alice (customer@) owns `corp`; Bob (customer2@) owns `other`. */
const corp = 'org-test-corporate';
const other = 'org-test-other';
const notFound = { status: 404, code: 'not_found' };
const call = (method: string, path: string, who: Who, body?: unknown) => test.call(method, path, token[who], body);

async function makeTicket(customerId: string, subject: string, requester: Who): Promise<string> {
  const { Ticket } = await import('../../../shared/db/entities/ticket.js');
  const ticketId = randomUUID();
  await Ticket.create({
    ticketId,
    number: String(randomInt(100_000, 1_000_000)),
    subject,
    description: `About: ${subject}`,
    customerId,
    requesterId: userId[requester]!,
    requesterEmail: `${requester}@example.com`,
    channel: 'web',
    categoryId: 'cat-general',
    priority: 'medium',
    status: 'open',
    groupId: 'grp-support',
    assigneeKey: 'unassigned#grp-support',
    qcRequired: false,
    createdBy: userId[requester]!,
  }).go();
  return ticketId;
}

async function ticket(ticketId: string) {
  const { Ticket } = await import('../../../shared/db/entities/ticket.js');
  return (await Ticket.get({ ticketId }).go()).data!;
}

async function events(ticketId: string, kind: string) {
  const { TicketEvent } = await import('../../../shared/db/entities/ticket-event.js');
  return (await TicketEvent.query.byTicket({ ticketId }).go({ pages: 'all' })).data.filter((e) => e.kind === kind);
}

async function addMessage(ticketId: string, kind: 'reply' | 'note', body: string, createdAt: string, attachmentId?: string) {
  const { TicketMessage } = await import('../../../shared/db/entities/ticket-message.js');
  await TicketMessage.create({
    ticketId,
    messageId: randomUUID(),
    createdAt,
    kind,
    body,
    authorId: userId.agent!,
    authorName: 'Aya',
    authorKind: 'staff',
    attachments: attachmentId ? [{ attachmentId, fileName: 'log.txt.pdf', contentType: 'application/pdf', size: 10 }] : [],
  }).go();
}

beforeAll(async () => {
  test = await startTestTwin('organisation');
  token.alice = await test.signIn('customer@cloudmanager.example');
  token.bob = await test.signIn('customer2@cloudmanager.example');
  token.agent = await test.signIn('agent@cloudmanager.example');
  token.admin = await test.signIn('admin@cloudmanager.example');
  for (const who of Object.keys(token) as Who[]) userId[who] = subOf(token[who]);
  await createOwnedAccount({ customerId: corp, type: 'corporate', name: 'Alice Trading SARL', currency: 'DZD' }, { userId: userId.alice!, name: 'Chloé', email: 'customer@cloudmanager.example' });
  await createOwnedAccount({ customerId: other, type: 'individual', name: 'Bob Person', currency: 'DZD' }, { userId: userId.bob!, name: 'Karim', email: 'customer2@cloudmanager.example' });
}, 180_000);

afterAll(async () => {
  await test?.stop();
});

describe('tags', () => {
  it('admins define tags; names are unique and lower-case; agents may not define them', async () => {
    const vip = await call('POST', '/ticket-tags', 'admin', { name: 'VIP', colour: '#D62728' });
    expect(vip.status, JSON.stringify(vip.body)).toBe(201);
    expect(vip.body).toMatchObject({ name: 'vip', colour: '#d62728', usageCount: 0 });
    expect((await call('POST', '/ticket-tags', 'admin', { name: 'outage', colour: '#1f77b4' })).status).toBe(201);
    expect(outcome(await call('POST', '/ticket-tags', 'admin', { name: 'vip', colour: '#000000' }))).toEqual({ status: 409, code: 'tag_exists' });
    expect(outcome(await call('POST', '/ticket-tags', 'agent', { name: 'x', colour: '#000000' }))).toEqual({ status: 403, code: 'forbidden' });
    expect(outcome(await call('POST', '/ticket-tags', 'admin', { name: 'bad name!', colour: 'red' }))).toEqual({ status: 400, code: 'validation_failed' });
  });

  it('tags a ticket (list, search key, usage count, timeline) and the staff list filters by tag', async () => {
    const tagged = await makeTicket(corp, 'Mail server rejects everything', 'alice');
    const plain = await makeTicket(corp, 'Invoice question', 'alice');

    const res = await call('POST', `/tickets/${tagged}/tags`, 'agent', { version: 1, add: ['vip', 'Outage'] });

    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ ticketId: tagged, tags: ['vip', 'outage'], version: 2 });
    expect((await events(tagged, 'tags'))[0]).toMatchObject({ to: 'vip, outage', details: { added: ['vip', 'outage'], removed: [] } });
    const listed = await call('GET', '/tickets?tag=vip', 'agent');
    expect(listed.status, JSON.stringify(listed.body)).toBe(200);
    const ids = (listed.body!.items as { ticketId: string }[]).map((t) => t.ticketId);
    expect(ids).toContain(tagged);
    expect(ids).not.toContain(plain);
    const stats = await call('GET', '/ticket-tags/stats', 'agent');
    expect(stats.body!.items).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'vip', usageCount: 1 }), expect.objectContaining({ name: 'outage', usageCount: 1 })]));

    const removed = await call('POST', `/tickets/${tagged}/tags`, 'agent', { version: 2, remove: ['outage'] });
    expect(removed.body).toMatchObject({ tags: ['vip'], version: 3 });
    expect((await call('GET', '/ticket-tags/stats', 'agent')).body).toMatchObject({ unused: ['outage'] });
    expect((await call('GET', '/tickets?tag=outage', 'agent')).body!.items).toEqual([]);
    expect(outcome(await call('DELETE', '/ticket-tags/vip', 'admin'))).toEqual({ status: 409, code: 'tag_in_use' });
    expect((await call('DELETE', '/ticket-tags/outage', 'admin')).status).toBe(204);
  });

  it('refuses unknown tags, stale versions and customers, writing nothing', async () => {
    const id = await makeTicket(corp, 'Printer offline', 'alice');
    const before = test.writesOf('ticket', 'ticketEvent', 'ticketSearchKey', 'ticketTag');

    expect(outcome(await call('POST', `/tickets/${id}/tags`, 'agent', { version: 1, add: ['vip', 'nope'] }))).toEqual({ status: 400, code: 'unknown_tag' });
    expect(outcome(await call('POST', `/tickets/${id}/tags`, 'agent', { version: 7, add: ['vip'] }))).toEqual({ status: 409, code: 'conflict' });
    expect(outcome(await call('POST', `/tickets/${id}/tags`, 'alice', { version: 1, add: ['vip'] }))).toEqual({ status: 403, code: 'forbidden' });

    expect(test.writesOf('ticket', 'ticketEvent', 'ticketSearchKey', 'ticketTag')).toBe(before);
    expect((await ticket(id)).version).toBe(1);
  });
});

describe('watchers', () => {
  let id: string;
  beforeAll(async () => {
    id = await makeTicket(corp, 'VPN drops every hour', 'alice');
  });

  it('a contact watches their own ticket, staff watch too; customers see only their own watch', async () => {
    const mine = await call('POST', `/tickets/${id}/watchers/${userId.alice}`, 'alice', {});
    expect(mine.status, JSON.stringify(mine.body)).toBe(200);
    expect(mine.body).toMatchObject({ kind: 'contact', reply: true, status: true, assignment: true });
    expect((await call('POST', `/tickets/${id}/watchers/${userId.agent}`, 'agent', { assignment: false })).body).toMatchObject({ kind: 'staff', assignment: false });
    // Idempotent: watching again answers the existing watch.
    expect((await call('POST', `/tickets/${id}/watchers/${userId.alice}`, 'alice', {})).status).toBe(200);

    expect(((await call('GET', `/tickets/${id}/watchers`, 'agent')).body!.items as unknown[]).length).toBe(2);
    expect((await call('GET', `/tickets/${id}/watchers`, 'alice')).body!.items).toEqual([expect.objectContaining({ userId: userId.alice })]);
    expect((await events(id, 'watchers')).length).toBe(2);
    const watching = await call('GET', '/me/watching', 'alice');
    expect(watching.body!.items).toEqual([expect.objectContaining({ ticketId: id, preferences: { reply: true, status: true, assignment: true } })]);
  });

  it('per-watcher preferences decide who hears about what', async () => {
    const prefs = await call('PUT', `/tickets/${id}/watchers/${userId.alice}/preferences`, 'alice', { reply: true, status: false, assignment: false });
    expect(prefs.body).toMatchObject({ reply: true, status: false, assignment: false });
    const { watchersFor } = await import('../../../shared/tickets/watchers.js');
    expect((await watchersFor(id, 'reply')).map((w) => w.userId).sort()).toEqual([userId.alice, userId.agent].sort());
    expect((await watchersFor(id, 'status')).map((w) => w.userId)).toEqual([userId.agent]);
    expect(await watchersFor(id, 'assignment')).toEqual([]);
  });

  it('customers act only for themselves; only staff and contacts of the account may watch', async () => {
    expect(outcome(await call('POST', `/tickets/${id}/watchers/${userId.agent}`, 'alice', {}))).toEqual({ status: 403, code: 'forbidden' });
    expect(outcome(await call('DELETE', `/tickets/${id}/watchers/${userId.agent}`, 'alice'))).toEqual({ status: 403, code: 'forbidden' });
    expect(outcome(await call('POST', `/tickets/${id}/watchers/${userId.bob}`, 'agent', {}))).toEqual({ status: 400, code: 'watcher_not_eligible' });
  });

  it('isolation: GET /tickets/{ticketId}/watchers — another customer’s ticket is not found', async () => {
    expect(outcome(await call('GET', `/tickets/${id}/watchers`, 'bob'))).toEqual(notFound);
  });

  it('isolation: POST /tickets/{ticketId}/watchers/{userId} — another customer cannot watch a foreign ticket', async () => {
    const before = test.writesOf('ticketWatcher');
    expect(outcome(await call('POST', `/tickets/${id}/watchers/${userId.bob}`, 'bob', {}))).toEqual(notFound);
    expect(test.writesOf('ticketWatcher')).toBe(before);
  });

  it('isolation: PUT /tickets/{ticketId}/watchers/{userId}/preferences — not found for another customer', async () => {
    expect(outcome(await call('PUT', `/tickets/${id}/watchers/${userId.alice}/preferences`, 'bob', { reply: false, status: false, assignment: false }))).toEqual(notFound);
    expect((await call('GET', `/tickets/${id}/watchers`, 'alice')).body!.items[0]).toMatchObject({ reply: true });
  });

  it('isolation: DELETE /tickets/{ticketId}/watchers/{userId} — not found for another customer, the watch stays', async () => {
    expect(outcome(await call('DELETE', `/tickets/${id}/watchers/${userId.alice}`, 'bob'))).toEqual(notFound);
    expect((await call('GET', `/tickets/${id}/watchers`, 'alice')).body!.items).toHaveLength(1);
  });

  it('unwatching removes the watch once', async () => {
    expect((await call('DELETE', `/tickets/${id}/watchers/${userId.alice}`, 'alice')).status).toBe(204);
    expect(outcome(await call('DELETE', `/tickets/${id}/watchers/${userId.alice}`, 'alice'))).toEqual(notFound);
    expect((await call('GET', '/me/watching', 'alice')).body!.items).toEqual([]);
  });
});

describe('merge and links', () => {
  it('moves the conversation and attachments to the target and closes the source', async () => {
    const source = await makeTicket(corp, 'Website down (duplicate)', 'alice');
    const target = await makeTicket(corp, 'Website down', 'alice');
    const attachmentId = `20260101000000000-${randomUUID().slice(0, 12)}`;
    await addMessage(source, 'reply', 'First public reply', '2026-01-01T10:00:00.000Z', attachmentId);
    await addMessage(source, 'note', 'Internal: customer is VIP', '2026-01-01T10:05:00.000Z');
    const { TicketAttachment } = await import('../../../shared/db/entities/ticket-attachment.js');
    await TicketAttachment.create({
      ticketId: source, attachmentId, fileName: 'log.txt.pdf', contentType: 'application/pdf', size: 10,
      s3Key: `tickets/${source}/${attachmentId}`, status: 'available', visibility: 'public', uploadedBy: userId.agent!, uploaderKind: 'staff',
    }).go();

    // Alice watches the duplicate (replies off); the agent already watches the target with its own settings.
    expect((await call('POST', `/tickets/${source}/watchers/${userId.alice}`, 'alice', {})).status).toBe(200);
    expect((await call('PUT', `/tickets/${source}/watchers/${userId.alice}/preferences`, 'alice', { reply: false, status: true, assignment: true })).status).toBe(200);
    expect((await call('POST', `/tickets/${source}/watchers/${userId.agent}`, 'agent', {})).status).toBe(200);
    expect((await call('POST', `/tickets/${target}/watchers/${userId.agent}`, 'agent', {})).status).toBe(200);

    const res = await call('POST', `/tickets/${source}/merge`, 'agent', { targetTicketId: target, version: 1, targetVersion: 1 });

    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ movedMessages: 2, movedAttachments: 1, movedWatchers: 2, sourceVersion: 2, targetVersion: 2 });
    const { TicketWatcher } = await import('../../../shared/db/entities/ticket-watcher.js');
    expect((await TicketWatcher.query.byTicket({ ticketId: source }).go()).data).toEqual([]);
    const watching = (await TicketWatcher.query.byTicket({ ticketId: target }).go()).data;
    expect(watching.map((w) => [w.userId, w.reply]).sort()).toEqual([[userId.agent, true], [userId.alice, false]].sort());
    expect(await ticket(source)).toMatchObject({ status: 'closed', mergedInto: target });
    const { TicketMessage } = await import('../../../shared/db/entities/ticket-message.js');
    expect((await TicketMessage.query.byTicket({ ticketId: source }).go()).data).toEqual([]);
    expect((await TicketMessage.query.byTicket({ ticketId: target }).go()).data.map((m) => m.body)).toEqual(['First public reply', 'Internal: customer is VIP']);
    const moved = (await TicketAttachment.query.byTicket({ ticketId: target }).go()).data;
    expect(moved).toEqual([expect.objectContaining({ attachmentId, s3Key: `tickets/${source}/${attachmentId}` })]);
    expect((await events(source, 'merge'))[0]).toMatchObject({ to: 'closed', details: { action: 'merged_into', ticketId: target } });
    expect((await events(target, 'merge'))[0]).toMatchObject({ details: { action: 'merged_from', ticketId: source } });

    expect(outcome(await call('POST', `/tickets/${target}/merge`, 'agent', { targetTicketId: source, version: 2, targetVersion: 2 }))).toEqual({
      status: 409,
      code: 'merge_target_closed',
    });
  });

  it('refuses tickets of different customers, stale versions and customers, writing nothing', async () => {
    const a = await makeTicket(corp, 'Disk full', 'alice');
    const b = await makeTicket(other, 'Disk full too', 'bob');
    const c = await makeTicket(corp, 'Disk full again', 'alice');
    const before = test.writesOf('ticket', 'ticketEvent', 'ticketMessage', 'ticketAttachment');

    expect(outcome(await call('POST', `/tickets/${a}/merge`, 'agent', { targetTicketId: b, version: 1, targetVersion: 1 }))).toEqual({ status: 400, code: 'merge_customer_mismatch' });
    expect(outcome(await call('POST', `/tickets/${a}/merge`, 'agent', { targetTicketId: c, version: 1, targetVersion: 4 }))).toEqual({ status: 409, code: 'conflict' });
    expect(outcome(await call('POST', `/tickets/${a}/merge`, 'agent', { targetTicketId: a, version: 1, targetVersion: 1 }))).toEqual({ status: 400, code: 'merge_same_ticket' });
    expect(outcome(await call('POST', `/tickets/${a}/merge`, 'alice', { targetTicketId: c, version: 1, targetVersion: 1 }))).toEqual({ status: 403, code: 'forbidden' });

    expect(test.writesOf('ticket', 'ticketEvent', 'ticketMessage', 'ticketAttachment')).toBe(before);
  });

  it('links related tickets both ways and unlinks them', async () => {
    const a = await makeTicket(corp, 'Slow backups', 'alice');
    const b = await makeTicket(other, 'Slow backups here too', 'bob');

    const linked = await call('POST', `/tickets/${a}/links/${b}`, 'agent');

    expect(linked.status, JSON.stringify(linked.body)).toBe(200);
    expect(linked.body).toMatchObject({ linkedTicketIds: [b], version: 2 });
    expect((await ticket(b)).linkedTicketIds).toEqual([a]);
    expect((await events(b, 'link'))[0]).toMatchObject({ to: a, details: { action: 'linked' } });
    // Customers never see links (the ticket view leaves them out for customer users).
    expect((await call('GET', `/tickets/${a}`, 'alice')).body?.linkedTicketIds).toBeUndefined();

    expect((await call('DELETE', `/tickets/${b}/links/${a}`, 'agent')).body).toMatchObject({ linkedTicketIds: [] });
    expect((await ticket(a)).linkedTicketIds).toEqual([]);
    expect(outcome(await call('DELETE', `/tickets/${a}/links/${b}`, 'agent'))).toEqual(notFound);
    expect(outcome(await call('POST', `/tickets/${a}/links/${a}`, 'agent'))).toEqual({ status: 400, code: 'link_same_ticket' });
  });
});
