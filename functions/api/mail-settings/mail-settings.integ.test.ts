import { randomInt, randomUUID } from 'node:crypto';
import { createTransport } from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eicar } from '../../../infra/local/servers/smtp.js';
import { createOwnedAccount, outcome, startTestTwin, subOf, type TestTwin, signInEach } from '../../../infra/local/testing/api.js';

// Mail admin against the local twin: settings (optimistic lock, nothing written on rejection),
// the suppression list, spam/quarantine review of a virus mail sent through the SMTP listener,
// and the staff-only download of an email message's raw MIME.

let test: TestTwin;
type Who = 'admin' | 'manager' | 'agent' | 'customer';
const token: Record<Who, string> = { admin: '', manager: '', agent: '', customer: '' };
const call = (method: string, path: string, who: Who, body?: unknown) => test.call(method, path, token[who], body);
const groupId = 'mail-test-group';
const categoryId = 'mail-test-category';
const inactiveCategoryId = 'mail-test-inactive';

beforeAll(async () => {
  test = await startTestTwin('mail-admin');
  await signInEach(test, { admin: 'admin@cloudmanager.example', manager: 'manager@cloudmanager.example', agent: 'agent@cloudmanager.example', customer: 'customer@cloudmanager.example' }, token);
  const { SupportGroup } = await import('../../../shared/db/entities/support-group.js');
  const { TicketCategory } = await import('../../../shared/db/entities/ticket-category.js');
  await SupportGroup.create({ groupId, name: 'Mail desk' }).go();
  await TicketCategory.create({ categoryId, parentKey: 'root', name: 'Email', nameLower: 'email' }).go();
  await TicketCategory.create({ categoryId: inactiveCategoryId, parentKey: 'root', name: 'Retired', nameLower: 'retired', active: false }).go();
}, 180_000);

afterAll(async () => {
  await test?.stop();
});

/** Polls until `read` answers something (the SMTP listener hands mail to the pipeline asynchronously). */
async function until<T>(read: () => Promise<T | undefined>, attempts = 150): Promise<T> {
  for (let i = 0; i < attempts; i++) {
    const value = await read();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('gave up waiting');
}

const settingsForm = (over: Record<string, unknown> = {}) => ({
  mailboxes: [{ address: 'Support@CloudManager.Example', groupId, categoryId, name: 'Support' }],
  unknownSender: 'guest',
  autoMailsPerHour: 4,
  maxMessageBytes: 20 * 1024 * 1024,
  version: 0,
  ...over,
});

describe('mail settings', () => {
  it('round trip: defaults at version 0, save, read back with names; a stale version is a conflict', async () => {
    const initial = await call('GET', '/mail/settings', 'manager');
    expect(initial.status).toBe(200);
    expect(initial.body).toMatchObject({ mailboxes: [], unknownSender: 'lead', version: 0 });

    const saved = await call('PUT', '/mail/settings', 'admin', settingsForm());
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body).toMatchObject({
      version: 1,
      unknownSender: 'guest',
      autoMailsPerHour: 4,
      mailboxes: [{ address: 'support@cloudmanager.example', groupId, categoryId, name: 'Support', groupName: 'Mail desk', categoryName: 'Email', categoryActive: true }],
    });
    expect((await call('GET', '/mail/settings', 'agent')).body).toEqual(saved.body);

    expect(outcome(await call('PUT', '/mail/settings', 'admin', settingsForm({ version: 0 })))).toEqual({ status: 409, code: 'conflict' });
    const next = await call('PUT', '/mail/settings', 'admin', settingsForm({ version: 1, unknownSender: 'lead' }));
    expect(next.body).toMatchObject({ version: 2, unknownSender: 'lead' });
    expect(outcome(await call('PUT', '/mail/settings', 'admin', settingsForm({ version: 1 })))).toEqual({ status: 409, code: 'conflict' });
  });

  it('refuses bad mailboxes with field paths and writes nothing; only admins may save', async () => {
    const before = await call('GET', '/mail/settings', 'admin');
    const writes = test.writesOf('mailSettings');
    const bad = await call('PUT', '/mail/settings', 'admin', settingsForm({
      version: before.body!.version,
      mailboxes: [
        { address: 'help@cloudmanager.example', groupId: 'no-such-group', categoryId },
        { address: 'sales@cloudmanager.example', groupId, categoryId: inactiveCategoryId },
      ],
    }));
    expect(outcome(bad)).toEqual({ status: 400, code: 'validation_failed' });
    expect(bad.body!.error.details.map((d: { path: string }) => d.path)).toEqual(['body.mailboxes.0.groupId', 'body.mailboxes.1.categoryId']);

    const duplicate = await call('PUT', '/mail/settings', 'admin', settingsForm({
      version: before.body!.version,
      mailboxes: [{ address: 'a@x.example', groupId, categoryId }, { address: 'A@X.example', groupId, categoryId }],
      maxMessageBytes: 41 * 1024 * 1024,
    }));
    expect(outcome(duplicate)).toEqual({ status: 400, code: 'validation_failed' });
    expect(duplicate.body!.error.details.map((d: { path: string }) => d.path).sort()).toEqual(['body.mailboxes.1.address', 'body.maxMessageBytes']);

    expect(outcome(await call('PUT', '/mail/settings', 'manager', settingsForm({ version: before.body!.version })))).toEqual({ status: 403, code: 'forbidden' });
    expect(outcome(await call('GET', '/mail/settings', 'customer'))).toEqual({ status: 403, code: 'forbidden' });
    await test.twin.gateway.feed.drain();
    expect(test.writesOf('mailSettings')).toBe(writes);
    expect((await call('GET', '/mail/settings', 'admin')).body).toEqual(before.body);
  });
});

describe('suppression list', () => {
  it('adds, refuses a duplicate, lists, looks up, deletes, then 404', async () => {
    const email = `bounced-${randomUUID()}@example.com`;
    const added = await call('POST', '/mail/suppressions', 'admin', { email: email.toUpperCase(), note: 'asked to stop' });
    expect(added.status, JSON.stringify(added.body)).toBe(201);
    expect(added.body).toMatchObject({ email, reason: 'manual', detail: 'asked to stop', createdBy: subOf(token.admin) });
    expect(outcome(await call('POST', '/mail/suppressions', 'admin', { email }))).toEqual({ status: 409, code: 'already_suppressed' });
    expect(outcome(await call('POST', '/mail/suppressions', 'manager', { email: 'x@example.com' }))).toEqual({ status: 403, code: 'forbidden' });

    const listed = await call('GET', '/mail/suppressions?limit=100', 'manager');
    expect(listed.body!.items.map((i: { email: string }) => i.email)).toContain(email);
    expect((await call('GET', `/mail/suppressions?email=${encodeURIComponent(email)}`, 'agent')).body).toEqual({ items: [added.body], cursor: null });

    expect((await call('DELETE', `/mail/suppressions/${encodeURIComponent(email)}`, 'admin')).status).toBe(204);
    expect(outcome(await call('DELETE', `/mail/suppressions/${email}`, 'admin'))).toEqual({ status: 404, code: 'not_found' });
    expect((await call('GET', `/mail/suppressions?email=${encodeURIComponent(email)}`, 'admin')).body).toEqual({ items: [], cursor: null });
  });
});

describe('bounces on contacts', () => {
  it('an SES hard bounce flags the contact (when and why, in its contact list); lifting the suppression clears it', async () => {
    const email = 'customer@cloudmanager.example';
    const customerId = `bounce-${randomUUID()}`;
    await createOwnedAccount({ customerId, type: 'individual', name: 'Bounce Test', currency: 'DZD' }, { userId: subOf(token.customer), name: 'Chloé', email });
    const { applySesEvent } = await import('../../../shared/notifications/ses-events.js');
    const bounce = {
      source: 'aws.ses',
      'detail-type': 'Email Bounced',
      detail: {
        eventType: 'Bounce',
        mail: { messageId: `ses-${randomUUID()}` },
        bounce: { bounceType: 'Permanent', bouncedRecipients: [{ emailAddress: `Chloé <${email}>`, status: '5.1.1', diagnosticCode: 'smtp; 550 5.1.1 mailbox unavailable' }] },
      },
    };
    expect(await applySesEvent(bounce as never)).toEqual({ eventType: 'Bounce', suppressed: [email] });
    const contactOf = async () => ((await call('GET', `/customers/${customerId}/contacts`, 'customer')).body as { items: Record<string, unknown>[] }).items[0];
    expect(await contactOf()).toMatchObject({ email, emailBouncedAt: expect.any(String), emailBounceDetail: '5.1.1 smtp; 550 5.1.1 mailbox unavailable' });

    expect((await call('DELETE', `/mail/suppressions/${encodeURIComponent(email)}`, 'admin')).status).toBe(204);
    const cleared = await contactOf();
    expect(cleared).not.toHaveProperty('emailBouncedAt');
    expect(cleared).not.toHaveProperty('emailBounceDetail');
  });
});

describe('spam and quarantine review', () => {
  /** Sends a mail carrying the eicar signature through the twin's SMTP listener; the listener's SES verdict is virus FAIL. */
  async function sendInfected(subject: string): Promise<string> {
    const transport = createTransport({ host: '127.0.0.1', port: test.twin.state.smtpPort, ignoreTLS: true });
    const info = await transport.sendMail({ from: 'Mallory <mallory@evil.example>', to: 'support@cloudmanager.example', subject, text: `Open the file.\n${eicar}\n` });
    const messageId = /queued as (\w+)/.exec(info.response)?.[1];
    if (!messageId) throw new Error(`no message id in ${info.response}`);
    const { InboundMessage } = await import('../../../shared/db/entities/inbound-message.js');
    await until(async () => {
      const { data } = await InboundMessage.get({ messageId }).go();
      return data?.review === 'review' ? data : undefined;
    });
    return messageId;
  }

  it('lists a virus mail under quarantined, downloads its raw message, deletes it', async () => {
    const subject = `Invoice ${randomUUID()}`;
    const messageId = await sendInfected(subject);

    // Held mail (spam, viruses) is for admins only: the people who can release or delete it.
    expect(outcome(await call('GET', '/mail/review?kind=quarantined', 'manager'))).toEqual({ status: 403, code: 'forbidden' });
    expect(outcome(await call('GET', '/mail/review?kind=quarantined', 'customer'))).toEqual({ status: 403, code: 'forbidden' });
    for (const query of ['kind=bogus', 'kind=failed&limit=0', 'kind=failed&limit=101', 'kind=failed&extra=1', '']) {
      expect(outcome(await call('GET', `/mail/review?${query}`, 'admin'))).toEqual({ status: 400, code: 'validation_failed' });
    }
    expect((await call('GET', '/mail/review?kind=failed', 'admin')).body).toEqual({ items: expect.any(Array), cursor: null });
    const quarantined = await call('GET', '/mail/review?kind=quarantined', 'admin');
    expect(quarantined.status).toBe(200);
    const listed = quarantined.body!.items.find((i: { messageId: string }) => i.messageId === messageId);
    expect(listed).toMatchObject({ kind: 'quarantined', from: 'mallory@evil.example', to: ['support@cloudmanager.example'], subject, reason: 'virus', verdicts: { virus: 'FAIL' } });
    expect(listed.size).toBeGreaterThan(0);
    const spam = await call('GET', '/mail/review?kind=spam', 'admin');
    expect(spam.body!.items.map((i: { messageId: string }) => i.messageId)).not.toContain(messageId);

    expect(outcome(await call('GET', `/mail/review/${messageId}`, 'agent'))).toEqual({ status: 403, code: 'forbidden' });
    const detail = await call('GET', `/mail/review/${messageId}`, 'admin');
    expect(detail.body).toMatchObject({ messageId, subject, download: { url: expect.any(String) } });
    const raw = await fetch(detail.body!.download.url);
    expect(raw.status).toBe(200);
    const text = await raw.text();
    expect(text).toContain(eicar);
    expect(text).toContain(`Subject: ${subject}`);
    expect(raw.headers.get('content-disposition')).toContain(`message-${messageId}.eml`);

    expect(outcome(await call('DELETE', `/mail/review/${messageId}`, 'manager'))).toEqual({ status: 403, code: 'forbidden' });
    expect((await call('DELETE', `/mail/review/${messageId}`, 'admin')).status).toBe(204);
    expect((await fetch(detail.body!.download.url)).status).toBe(404);
    expect(outcome(await call('GET', `/mail/review/${messageId}`, 'admin'))).toEqual({ status: 409, code: 'not_in_review' });
    expect(outcome(await call('DELETE', `/mail/review/${messageId}`, 'admin'))).toEqual({ status: 409, code: 'not_in_review' });
    expect(outcome(await call('GET', '/mail/review/no-such-message', 'admin'))).toEqual({ status: 404, code: 'not_found' });
    const after = await call('GET', '/mail/review?kind=quarantined', 'admin');
    expect(after.body!.items.map((i: { messageId: string }) => i.messageId)).not.toContain(messageId);
    const { InboundMessage } = await import('../../../shared/db/entities/inbound-message.js');
    expect((await InboundMessage.get({ messageId }).go()).data).toMatchObject({ status: 'rejected', reason: 'deleted_by_admin' });
  });

  it('deletes a selection of held mail in one call; unknown or handled ones are skipped; a bad selection writes nothing', async () => {
    const ids = [await sendInfected(`Batch ${randomUUID()}`), await sendInfected(`Batch ${randomUUID()}`)];
    const writes = test.writesOf('inboundMessage');
    for (const body of [{ messageIds: [] }, { messageIds: [ids[0], ids[0]] }, { messageIds: Array.from({ length: 101 }, (_, i) => `m${i}`) }, { messageIds: ['bad id!'] }, { messageIds: ids, extra: true }]) {
      expect(outcome(await call('POST', '/mail/review/delete', 'admin', body))).toEqual({ status: 400, code: 'validation_failed' });
    }
    for (const who of ['manager', 'agent', 'customer'] as const) {
      expect(outcome(await call('POST', '/mail/review/delete', who, { messageIds: ids }))).toEqual({ status: 403, code: 'forbidden' });
    }
    expect(test.writesOf('inboundMessage')).toBe(writes);

    const first = await call('POST', '/mail/review/delete', 'admin', { messageIds: [...ids, 'no-such-message'] });
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ deleted: ids, skipped: [{ messageId: 'no-such-message', code: 'not_found' }] });
    const again = await call('POST', '/mail/review/delete', 'admin', { messageIds: ids });
    expect(again.body).toEqual({ deleted: [], skipped: ids.map((messageId) => ({ messageId, code: 'not_in_review' })) });
    const listed = await call('GET', '/mail/review?kind=quarantined&limit=100', 'admin');
    const held = listed.body!.items.map((i: { messageId: string }) => i.messageId);
    for (const id of ids) expect(held).not.toContain(id);
  });

  it('release runs the pipeline without the verdict check: the mail becomes a ticket', async () => {
    const subject = `Release me ${randomUUID()}`;
    const messageId = await sendInfected(subject);
    const released = await call('POST', `/mail/review/${messageId}/release`, 'admin');
    expect(released.status, JSON.stringify(released.body)).toBe(200);
    expect(released.body).toMatchObject({ messageId, outcome: 'created', status: 'processed', ticketId: expect.any(String) });
    const ticket = await call('GET', `/tickets/${released.body!.ticketId}`, 'admin');
    expect(ticket.body).toMatchObject({ subject, channel: 'email' });
    // The pipeline's own email message links back to the raw mail.
    const messages = await call('GET', `/tickets/${released.body!.ticketId}/messages`, 'agent');
    const mail = messages.body!.items.find((m: { channel?: string }) => m.channel === 'email');
    const link = await call('GET', `/tickets/${released.body!.ticketId}/messages/${mail.messageId}/original`, 'agent');
    expect(await (await fetch(link.body!.url)).text()).toContain(`Subject: ${subject}`);
    expect(outcome(await call('POST', `/mail/review/${messageId}/release`, 'admin'))).toEqual({ status: 409, code: 'not_in_review' });
  });
});

describe('original message download', () => {
  /** An email ticket written straight through the entities, with its raw MIME in the inbound bucket. */
  async function emailTicket(raw: string) {
    const { Ticket } = await import('../../../shared/db/entities/ticket.js');
    const { TicketMessage } = await import('../../../shared/db/entities/ticket-message.js');
    const { InboundMessage } = await import('../../../shared/db/entities/inbound-message.js');
    const { rawMessageLocation } = await import('../../../shared/mail/inbound.js');
    const { s3 } = await import('../../../shared/aws/s3.js');
    const inboundId = `orig${randomInt(1e9)}`;
    const { bucket, key } = rawMessageLocation(inboundId);
    const { client, sdk } = await s3();
    await client.send(new sdk.PutObjectCommand({ Bucket: bucket, Key: key, Body: raw, ContentType: 'message/rfc822' }));
    await InboundMessage.create({ messageId: inboundId, receivedAt: new Date().toISOString(), bucket, key, sizeBytes: raw.length, from: 'zed@customer.example', to: ['support@cloudmanager.example'], status: 'processed' }).go();
    const ticketId = randomUUID();
    const number = String(randomInt(100_000, 1_000_000));
    await Ticket.create({
      ticketId, number, subject: 'Printer on fire', description: 'Help!', customerId: 'email-guests', requesterEmail: 'zed@customer.example',
      channel: 'email', categoryId, priority: 'medium', status: 'open', groupId, assigneeKey: `unassigned#${groupId}`, qcRequired: false, createdBy: 'system:mail',
    } as never).go();
    const at = new Date().toISOString();
    const emailMessage = randomUUID();
    const webMessage = randomUUID();
    await TicketMessage.create({ ticketId, messageId: emailMessage, createdAt: at, kind: 'reply', body: 'Help!', authorId: 'email:zed@customer.example', authorName: 'Zed', authorKind: 'customer', channel: 'email', inboundId, fromEmail: 'zed@customer.example' }).go();
    await TicketMessage.create({ ticketId, messageId: webMessage, createdAt: at, kind: 'reply', body: 'On it', authorId: 'agent', authorName: 'Agent', authorKind: 'staff' }).go();
    return { ticketId, number, emailMessage, webMessage };
  }

  it('gives staff a 60 s link whose body is the raw mail; other messages, tickets and customers are refused', async () => {
    const raw = `From: Zed <zed@customer.example>\r\nTo: support@cloudmanager.example\r\nSubject: Printer on fire\r\nMessage-ID: <${randomUUID()}@customer.example>\r\n\r\nHelp!\r\n`;
    const { ticketId, number, emailMessage, webMessage } = await emailTicket(raw);

    const link = await call('GET', `/tickets/${ticketId}/messages/${emailMessage}/original`, 'agent');
    expect(link.status, JSON.stringify(link.body)).toBe(200);
    expect(new URL(link.body!.url).searchParams.get('X-Amz-Expires')).toBe('60');
    const got = await fetch(link.body!.url);
    expect(await got.text()).toBe(raw);
    expect(got.headers.get('content-disposition')).toContain(`filename="message-${number}.eml"`);

    expect(outcome(await call('GET', `/tickets/${ticketId}/messages/${webMessage}/original`, 'agent'))).toEqual({ status: 404, code: 'not_found' });
    expect(outcome(await call('GET', `/tickets/${ticketId}/messages/${randomUUID()}/original`, 'agent'))).toEqual({ status: 404, code: 'not_found' });
    expect(outcome(await call('GET', `/tickets/${randomUUID()}/messages/${emailMessage}/original`, 'agent'))).toEqual({ status: 404, code: 'not_found' });
    expect(outcome(await call('GET', `/tickets/${ticketId}/messages/${emailMessage}/original`, 'customer'))).toEqual({ status: 403, code: 'forbidden' });
  });
});
