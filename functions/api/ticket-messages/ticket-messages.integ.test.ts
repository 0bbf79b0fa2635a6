import { randomInt, randomUUID } from 'node:crypto';
import { HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOwnedAccount, outcome, postToPresigned, refuseScans, startTestTwin, type TestTwin, signInEach } from '../../../infra/local/testing/api.js';

// Replies, internal notes, attachments, canned replies and mentions against the local twin.
// Tickets are written straight through the entity (the tickets domain has its own tests); the
// follow-up test goes through the real createTicket with a category written the same way.

let test: TestTwin;
type Who = 'alice' | 'bob' | 'agent' | 'manager' | 'admin';
const token: Record<Who, string> = { alice: '', bob: '', agent: '', manager: '', admin: '' };
const userId: Record<string, string> = {};
/** Alice (customer@) owns `corp`; Bob (customer2@) owns `other`. */
const corp = 'conv-test-corporate';
const other = 'conv-test-other';
const categoryId = 'conv-test-category';
const notFound = { status: 404, code: 'not_found' };
const call = (method: string, path: string, who: Who, body?: unknown) => test.call(method, path, token[who], body);
const raw = (r: { body?: unknown }) => JSON.stringify(r.body);

const pdf = new TextEncoder().encode('%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n');
const exe = new Uint8Array([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00]);

async function makeTicket(over: Record<string, unknown> = {}): Promise<string> {
  const { Ticket } = await import('../../../shared/db/entities/ticket.js');
  const ticketId = randomUUID();
  await Ticket.create({
    ticketId,
    number: String(randomInt(100_000, 1_000_000)),
    subject: 'Printer on fire',
    description: 'It smokes.',
    customerId: corp,
    requesterId: userId.alice!,
    requesterEmail: 'customer@cloudmanager.example',
    requesterName: 'Chloé',
    channel: 'web',
    categoryId,
    priority: 'medium',
    status: 'open',
    groupId: 'grp-support',
    assigneeKey: 'unassigned#grp-support',
    qcRequired: false,
    createdBy: userId.alice!,
    ...over,
  } as never).go();
  return ticketId;
}

async function ticketItem(ticketId: string) {
  const { Ticket } = await import('../../../shared/db/entities/ticket.js');
  return (await Ticket.get({ ticketId }).go()).data!;
}

/** Declares, uploads and completes one file as `who`; returns the attachment id and the complete answer. */
async function attach(ticketId: string, who: Who, bytes: Uint8Array = pdf, fileName = 'report.pdf', contentType = 'application/pdf') {
  const started = await call('POST', `/tickets/${ticketId}/attachments`, who, { fileName, contentType, size: bytes.length });
  expect(started.status, raw(started)).toBe(201);
  await postToPresigned(started.body!.upload, bytes, started.body!.upload.fields['Content-Type']);
  const done = await call('POST', `/tickets/${ticketId}/attachments/${started.body!.attachment.attachmentId}/complete`, who);
  return { attachmentId: started.body!.attachment.attachmentId as string, done };
}

beforeAll(async () => {
  test = await startTestTwin('conversation');
  await signInEach(test, { alice: 'customer@cloudmanager.example', bob: 'customer2@cloudmanager.example', agent: 'agent@cloudmanager.example', manager: 'manager@cloudmanager.example', admin: 'admin@cloudmanager.example' }, token, userId);
  await createOwnedAccount({ customerId: corp, type: 'corporate', name: 'Alice Trading SARL', currency: 'DZD' }, { userId: userId.alice!, name: 'Chloé', email: 'customer@cloudmanager.example' });
  await createOwnedAccount({ customerId: other, type: 'individual', name: 'Bob Person', currency: 'DZD' }, { userId: userId.bob!, name: 'Karim', email: 'customer2@cloudmanager.example' });
  const { TicketCategory } = await import('../../../shared/db/entities/ticket-category.js');
  await TicketCategory.create({ categoryId, parentKey: 'root', name: 'General', nameLower: 'general' }).go();
}, 180_000);

afterAll(async () => {
  await test?.stop();
});

describe('replies and internal notes', () => {
  it('an agent note (with attachment and mention) stays internal; the reply answers the ticket; the customer never sees the note', async () => {
    const ticketId = await makeTicket();
    const secret = `SECRET-NOTE-${randomUUID()}`;
    const { attachmentId: noteFile, done } = await attach(ticketId, 'agent', pdf, 'internal-cost-sheet.pdf');
    expect(done.body).toMatchObject({ status: 'available', visibility: 'pending' });

    const note = await call('POST', `/tickets/${ticketId}/messages`, 'agent', { kind: 'note', body: `${secret} @manager please check`, attachmentIds: [noteFile] });
    expect(note.status, raw(note)).toBe(201);
    expect(note.body).toMatchObject({ status: 'open', message: { kind: 'note', mentionedUserIds: [userId.manager], attachments: [{ attachmentId: noteFile }] } });

    const reply = await call('POST', `/tickets/${ticketId}/messages`, 'agent', { body: 'We are on it.' });
    expect(reply.body).toMatchObject({ status: 'answered', message: { kind: 'reply', authorKind: 'staff' } });
    const stored = await ticketItem(ticketId);
    expect(stored.firstResponseAt).toBe(reply.body!.message.createdAt);
    expect(stored.lastAgentMessageAt).toBe(reply.body!.message.createdAt);

    // The customer's every view: messages, attachments, timeline, the note's file.
    const messages = await call('GET', `/tickets/${ticketId}/messages`, 'alice');
    expect(messages.body!.items.map((m: { body: string }) => m.body)).toEqual(['We are on it.']);
    const attachments = await call('GET', `/tickets/${ticketId}/attachments`, 'alice');
    const timeline = await call('GET', `/tickets/${ticketId}/timeline`, 'alice');
    expect(timeline.status).toBe(200);
    for (const answer of [messages, attachments, timeline]) {
      expect(raw(answer)).not.toContain(secret);
      expect(raw(answer)).not.toContain(noteFile);
      expect(raw(answer)).not.toContain('internal-cost-sheet');
      expect(raw(answer)).not.toContain(note.body!.message.messageId);
      expect(raw(answer)).not.toContain('"note"');
      expect(raw(answer)).not.toContain('mention');
    }
    expect(outcome(await call('GET', `/tickets/${ticketId}/attachments/${noteFile}/download`, 'alice'))).toEqual(notFound);
    expect(raw(await call('GET', `/tickets/${ticketId}/messages?kind=note`, 'alice'))).not.toContain(secret);

    // Staff see both, the note's file as internal.
    const staffView = await call('GET', `/tickets/${ticketId}/messages`, 'agent');
    expect(staffView.body!.items.map((m: { kind: string }) => m.kind)).toEqual(['note', 'reply']);
    const staffFiles = await call('GET', `/tickets/${ticketId}/attachments`, 'agent');
    expect(staffFiles.body!.items).toContainEqual(expect.objectContaining({ attachmentId: noteFile, visibility: 'internal', messageId: note.body!.message.messageId }));

    // The mention is emailed to the manager, and no mail to the customer carries the note.
    const mails = await test.sentMail('manager@cloudmanager.example');
    expect(mails.some((m) => m.subject.includes(`#${stored.number}`) && (m.body.text ?? '').includes(secret))).toBe(true);
    expect((await test.sentMail('customer@cloudmanager.example')).some((m) => (m.body.text ?? '').includes(secret))).toBe(false);
  });

  it('refuses internal notes and canned replies from customers, and a stale version, writing nothing', async () => {
    const ticketId = await makeTicket();
    const before = test.writesOf('ticketMessage', 'ticket', 'ticketEvent');
    expect(outcome(await call('POST', `/tickets/${ticketId}/messages`, 'alice', { kind: 'note', body: 'let me in' }))).toEqual({ status: 403, code: 'forbidden' });
    expect(outcome(await call('POST', `/tickets/${ticketId}/messages`, 'alice', { body: 'x', cannedReplyId: 'abc' }))).toEqual({ status: 403, code: 'forbidden' });
    expect(outcome(await call('POST', `/tickets/${ticketId}/messages`, 'agent', { body: 'old view', version: 7 }))).toEqual({ status: 409, code: 'conflict' });
    expect(outcome(await call('POST', `/tickets/${ticketId}/messages`, 'agent', { body: '' }))).toEqual({ status: 400, code: 'validation_failed' });
    expect(test.writesOf('ticketMessage', 'ticket', 'ticketEvent')).toBe(before);
  });

  it('a customer reply reopens a resolved ticket', async () => {
    const ticketId = await makeTicket({ status: 'resolved', resolvedAt: new Date().toISOString() });
    const reply = await call('POST', `/tickets/${ticketId}/messages`, 'alice', { body: 'Still broken.' });
    expect(reply.status, raw(reply)).toBe(201);
    expect(reply.body).toMatchObject({ ticketId, status: 'open', message: { authorKind: 'customer', body: 'Still broken.' } });
    expect((await ticketItem(ticketId)).lastCustomerMessageAt).toBe(reply.body!.message.createdAt);
    const timeline = await call('GET', `/tickets/${ticketId}/timeline`, 'alice');
    expect(timeline.body!.items).toContainEqual(expect.objectContaining({ kind: 'status', from: 'resolved', to: 'open' }));
  });

  it('a customer reply to a ticket closed 3 days ago reopens it; 20 days ago opens a linked follow-up carrying the reply and its file', async () => {
    const recent = await makeTicket({ status: 'closed', closedAt: new Date(Date.now() - 3 * 86_400_000).toISOString() });
    expect((await call('POST', `/tickets/${recent}/messages`, 'alice', { body: 'One more thing.' })).body).toMatchObject({ ticketId: recent, status: 'open' });

    const old = await makeTicket({ status: 'closed', closedAt: new Date(Date.now() - 20 * 86_400_000).toISOString(), subject: 'Old printer' });
    const { attachmentId } = await attach(old, 'alice', pdf, 'photo.pdf');
    const reply = await call('POST', `/tickets/${old}/messages`, 'alice', { body: 'It broke again.', attachmentIds: [attachmentId] });
    expect(reply.status, raw(reply)).toBe(201);
    const followUpId = reply.body!.followUpTicketId as string;
    expect(reply.body).toMatchObject({ ticketId: followUpId, status: 'open', message: null });
    expect(followUpId).not.toBe(old);

    const followUp = await call('GET', `/tickets/${followUpId}`, 'alice');
    expect(followUp.body).toMatchObject({ followUpOf: old, description: 'It broke again.', subject: 'Re: Old printer', customerId: corp });
    expect((await ticketItem(old)).status).toBe('closed');
    const files = await call('GET', `/tickets/${followUpId}/attachments`, 'alice');
    expect(files.body!.items).toEqual([expect.objectContaining({ attachmentId, visibility: 'public' })]);
    expect((await call('GET', `/tickets/${old}/attachments`, 'agent')).body!.items).toEqual([]);
    const link = await call('GET', `/tickets/${followUpId}/attachments/${attachmentId}/download`, 'alice');
    expect(new Uint8Array(await (await fetch(link.body!.url)).arrayBuffer())).toEqual(pdf);
    const timeline = await call('GET', `/tickets/${old}/timeline`, 'alice');
    expect(timeline.body!.items).toContainEqual(expect.objectContaining({ kind: 'follow_up', to: followUpId }));
  });
});

describe('attachments', () => {
  it('uploads through a presigned POST, posts with a reply, and downloads as an attachment under a clean name', async () => {
    const ticketId = await makeTicket();
    const { attachmentId, done } = await attach(ticketId, 'agent', pdf, '../../Facture\u202e 2026.pdf');
    expect(done.body).toMatchObject({ status: 'available', size: pdf.length, fileName: 'Facture 2026.pdf' });
    expect(outcome(await call('GET', `/tickets/${ticketId}/attachments/${attachmentId}/download`, 'alice'))).toEqual(notFound);

    const reply = await call('POST', `/tickets/${ticketId}/messages`, 'agent', { body: 'Your invoice.', attachmentIds: [attachmentId] });
    expect(reply.body!.message.attachments).toEqual([{ attachmentId, fileName: 'Facture 2026.pdf', contentType: 'application/pdf', size: pdf.length }]);
    expect(outcome(await call('POST', `/tickets/${ticketId}/messages`, 'agent', { body: 'Again.', attachmentIds: [attachmentId] }))).toEqual({ status: 400, code: 'invalid_attachment' });

    const link = await call('GET', `/tickets/${ticketId}/attachments/${attachmentId}/download`, 'alice');
    expect(link.status).toBe(200);
    const file = await fetch(link.body!.url);
    expect(file.headers.get('content-disposition')).toMatch(/^attachment; filename="Facture 2026.pdf"/);
    expect(new Uint8Array(await file.arrayBuffer())).toEqual(pdf);
  });

  it('refuses oversize files, executables by name (invoice.pdf.exe) and by content (renamed .pdf, quarantined)', async () => {
    const ticketId = await makeTicket();
    const before = test.writesOf('ticketAttachment');
    const declare = (fileName: string, size: number) => call('POST', `/tickets/${ticketId}/attachments`, 'alice', { fileName, contentType: 'application/pdf', size });
    expect(outcome(await declare('big.pdf', 20 * 1024 * 1024 + 1))).toEqual({ status: 413, code: 'file_too_large' });
    expect(outcome(await declare('invoice.pdf.exe', 100))).toEqual({ status: 415, code: 'file_type_not_allowed' });
    expect(outcome(await declare('script.js', 100))).toEqual({ status: 415, code: 'file_type_not_allowed' });
    expect(test.writesOf('ticketAttachment')).toBe(before);

    const { attachmentId, done } = await attach(ticketId, 'alice', exe, 'invoice.pdf');
    expect(outcome(done)).toEqual({ status: 415, code: 'file_type_not_allowed' });
    const key = `tickets/${ticketId}/${attachmentId}`;
    const { twin } = test;
    const s3 = new S3Client({ endpoint: twin.state.endpoints.s3, region: twin.state.region, forcePathStyle: true });
    await expect(s3.send(new HeadObjectCommand({ Bucket: twin.state.buckets.attachments, Key: `quarantine/${key}` }))).resolves.toBeDefined();
    await expect(s3.send(new HeadObjectCommand({ Bucket: twin.state.buckets.attachments, Key: key }))).rejects.toMatchObject({ name: 'NotFound' });
    expect((await call('GET', `/tickets/${ticketId}/attachments`, 'agent')).body!.items).toContainEqual(expect.objectContaining({ attachmentId, status: 'quarantined' }));
    expect(outcome(await call('GET', `/tickets/${ticketId}/attachments/${attachmentId}/download`, 'agent'))).toEqual({ status: 409, code: 'attachment_unavailable' });
    expect(outcome(await call('POST', `/tickets/${ticketId}/messages`, 'alice', { body: 'see file', attachmentIds: [attachmentId] }))).toEqual({ status: 400, code: 'invalid_attachment' });
  });

  it('caps files per message and uploads in flight at 10 (too_many_attachments), writing nothing', async () => {
    const ticketId = await makeTicket();
    const ids = Array.from({ length: 11 }, (_, i) => `a${i}`);
    const before = test.writesOf('ticketMessage', 'ticketAttachment', 'ticket');
    expect(outcome(await call('POST', `/tickets/${ticketId}/messages`, 'agent', { body: 'many', attachmentIds: ids }))).toEqual({ status: 400, code: 'too_many_attachments' });
    expect(test.writesOf('ticketMessage', 'ticketAttachment', 'ticket')).toBe(before);

    for (let i = 0; i < 10; i++) {
      expect((await call('POST', `/tickets/${ticketId}/attachments`, 'agent', { fileName: `f${i}.txt`, contentType: 'text/plain', size: 5 })).status).toBe(201);
    }
    const afterTen = test.writesOf('ticketAttachment');
    expect(outcome(await call('POST', `/tickets/${ticketId}/attachments`, 'agent', { fileName: 'f10.txt', contentType: 'text/plain', size: 5 }))).toEqual({ status: 400, code: 'too_many_attachments' });
    expect(test.writesOf('ticketAttachment')).toBe(afterTen);
  });

  it("refuses to post another user's upload", async () => {
    const ticketId = await makeTicket();
    const { attachmentId } = await attach(ticketId, 'alice', new TextEncoder().encode('log line 1\nlog line 2\n'), 'server.log', 'text/plain');
    expect(outcome(await call('POST', `/tickets/${ticketId}/messages`, 'agent', { body: 'mine?', attachmentIds: [attachmentId] }))).toEqual({ status: 400, code: 'invalid_attachment' });
    expect(outcome(await call('POST', `/tickets/${ticketId}/attachments/${attachmentId}/complete`, 'agent'))).toEqual({ status: 403, code: 'forbidden' });
  });
});

describe('canned replies', () => {
  it('refuses unknown variables, previews data-only for a ticket, and counts uses', async () => {
    const before = test.writesOf('cannedReply');
    const bad = await call('POST', '/canned-replies', 'admin', { title: 'Bad', body: 'Hi {{contact_name}} {{password}} {{ constructor }}' });
    expect(outcome(bad)).toEqual({ status: 400, code: 'unknown_template_variable' });
    expect(bad.body!.error.details.unknown).toEqual(['password', 'constructor']);
    expect(test.writesOf('cannedReply')).toBe(before);
    expect(outcome(await call('POST', '/canned-replies', 'agent', { title: 'Nope', body: 'x' }))).toEqual({ status: 403, code: 'forbidden' });
    expect(outcome(await call('GET', '/canned-replies', 'alice'))).toEqual({ status: 403, code: 'forbidden' });

    const created = await call('POST', '/canned-replies', 'admin', {
      title: 'Greeting',
      body: 'Hello {{contact_name}} of {{customer_name}}, ticket #{{ ticket_number }} ({{ticket_subject}}) is {{ticket_status}}. — {{agent_name}}',
      categoryId,
    });
    expect(created.status, raw(created)).toBe(201);
    expect(created.body).toMatchObject({ variables: ['contact_name', 'customer_name', 'ticket_number', 'ticket_subject', 'ticket_status', 'agent_name'], usageCount: 0, version: 1 });
    const id = created.body!.cannedReplyId as string;

    const ticketId = await makeTicket({ subject: '{{agent_name}} $& <script>', status: 'in_progress' });
    const stored = await ticketItem(ticketId);
    const preview = await call('POST', `/canned-replies/${id}/preview`, 'agent', { ticketId });
    expect(preview.status, raw(preview)).toBe(200);
    expect(preview.body!.text).toMatch(new RegExp(`^Hello Chloé of Alice Trading SARL, ticket #${stored.number} \\(\\{\\{agent_name\\}\\} \\$& <script>\\) is in progress\\. — .+$`));

    const listed = await call('GET', `/canned-replies?q=gree&categoryId=${categoryId}`, 'agent');
    expect(listed.body!.items.map((c: { cannedReplyId: string }) => c.cannedReplyId)).toEqual([id]);

    expect((await call('POST', `/tickets/${ticketId}/messages`, 'agent', { body: preview.body!.text, cannedReplyId: id })).status).toBe(201);
    expect((await call('GET', `/canned-replies/${id}`, 'agent')).body).toMatchObject({ usageCount: 1, version: 1 });

    const updated = await call('PATCH', `/canned-replies/${id}`, 'manager', { body: 'Bye {{ requester_email }}', categoryId: null, version: 1 });
    expect(updated.body).toMatchObject({ body: 'Bye {{ requester_email }}', variables: ['requester_email'], version: 2 });
    expect(updated.body).not.toHaveProperty('categoryId');
    expect(outcome(await call('PATCH', `/canned-replies/${id}`, 'manager', { title: 'Stale', version: 1 }))).toEqual({ status: 409, code: 'conflict' });
    expect(outcome(await call('PATCH', `/canned-replies/${id}`, 'manager', { body: '{{nope}}', version: 2 }))).toEqual({ status: 400, code: 'unknown_template_variable' });
    expect((await call('DELETE', `/canned-replies/${id}`, 'admin')).status).toBe(204);
    expect(outcome(await call('GET', `/canned-replies/${id}`, 'agent'))).toEqual(notFound);
  });
});

describe('list routes', () => {
  it('read a conversation and its attachments in at most 3 DynamoDB commands of their own, never a Scan', async () => {
    const ticketId = await makeTicket();
    await call('POST', `/tickets/${ticketId}/messages`, 'agent', { body: 'Hello' });
    await call('POST', `/tickets/${ticketId}/messages`, 'agent', { kind: 'note', body: 'internal' });
    const commands = await refuseScans();
    for (const path of [`/tickets/${ticketId}/messages`, `/tickets/${ticketId}/attachments`]) {
      for (const who of ['alice', 'agent'] as const) {
        await test.twin.gateway.feed.drain();
        const first = commands.length;
        expect((await call('GET', path, who)).status).toBe(200);
        // The pipeline's identity read (one BatchGetItem for user + session) comes before the route's own.
        const sent = commands.slice(first);
        const route = [...sent];
        route.splice(route.indexOf('BatchGetItemCommand'), 1);
        expect(sent.filter((c) => c === 'BatchGetItemCommand'), sent.join(', ')).toHaveLength(1);
        expect(route.length, `${who} ${path}: ${route.join(', ')}`).toBeLessThanOrEqual(3);
      }
    }
  });
});

describe("isolation: another customer's ids answer 404 and change nothing", () => {
  let ticketId: string;
  let attachmentId: string;
  const writes = () => test.writesOf('ticketMessage', 'ticketAttachment', 'ticket', 'ticketEvent');

  beforeAll(async () => {
    ticketId = await makeTicket();
    attachmentId = (await attach(ticketId, 'alice')).attachmentId;
    await call('POST', `/tickets/${ticketId}/messages`, 'alice', { body: 'Mine.', attachmentIds: [attachmentId] });
  });

  it('isolation: GET /tickets/{ticketId}/messages', async () => {
    expect(outcome(await call('GET', `/tickets/${ticketId}/messages`, 'bob'))).toEqual(notFound);
  });

  it('isolation: POST /tickets/{ticketId}/messages', async () => {
    const before = writes();
    expect(outcome(await call('POST', `/tickets/${ticketId}/messages`, 'bob', { body: 'intrusion' }))).toEqual(notFound);
    expect(writes()).toBe(before);
  });

  it('isolation: GET /tickets/{ticketId}/attachments', async () => {
    expect(outcome(await call('GET', `/tickets/${ticketId}/attachments`, 'bob'))).toEqual(notFound);
  });

  it('isolation: POST /tickets/{ticketId}/attachments', async () => {
    const before = writes();
    expect(outcome(await call('POST', `/tickets/${ticketId}/attachments`, 'bob', { fileName: 'x.pdf', contentType: 'application/pdf', size: 10 }))).toEqual(notFound);
    expect(writes()).toBe(before);
  });

  it('isolation: POST /tickets/{ticketId}/attachments/{attachmentId}/complete', async () => {
    const before = writes();
    expect(outcome(await call('POST', `/tickets/${ticketId}/attachments/${attachmentId}/complete`, 'bob'))).toEqual(notFound);
    expect(writes()).toBe(before);
  });

  it('isolation: GET /tickets/{ticketId}/attachments/{attachmentId}/download', async () => {
    expect(outcome(await call('GET', `/tickets/${ticketId}/attachments/${attachmentId}/download`, 'bob'))).toEqual(notFound);
    expect((await call('GET', `/tickets/${ticketId}/attachments/${attachmentId}/download`, 'alice')).status).toBe(200);
  });
});
