import { randomBytes } from 'node:crypto';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import nodemailer from 'nodemailer';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lambdaContext } from '../../events/lambda-context.js';
import { eicar, sesEvent, sesMessageId } from '../../infra/local/servers/smtp.js';
import { createOwnedAccount, startTestTwin, subOf, type TestTwin } from '../../infra/local/testing/api.js';

// The inbound pipeline against the local twin: mail sent through the SMTP listener (as SES would
// deliver it) or handed to the handler with an SES event after putting the raw object.

let test: TestTwin;
let aliceId = '';
const corp = 'mail-test-corp';
const alice = 'customer@cloudmanager.example';
const support = 'support@cloudmanager.example';
const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
const pdf = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
const exe = Buffer.concat([Buffer.from('MZ'), randomBytes(200)]);

const entities = async () => ({
  ...(await import('../db/entities/inbound-message.js')),
  ...(await import('../db/entities/ticket.js')),
  ...(await import('../db/entities/ticket-message.js')),
  ...(await import('../db/entities/ticket-attachment.js')),
  ...(await import('../db/entities/customer.js')),
  ...(await import('../db/entities/mail-settings.js')),
  ...(await import('../db/entities/mail-suppression.js')),
});

interface Mail {
  from: string;
  to?: string | string[];
  cc?: string | string[];
  subject: string;
  text?: string;
  html?: string;
  messageId?: string;
  headers?: Record<string, string>;
  attachments?: { filename: string; content: Buffer; cid?: string; contentType?: string }[];
}

let counter = 0;
async function compose(mail: Mail): Promise<Buffer> {
  const composer = new MailComposer({
    to: support,
    text: 'Hello',
    messageId: `<m${++counter}.${randomBytes(4).toString('hex')}@mail.example.net>`,
    ...mail,
  });
  return composer.compile().build();
}

/** Through the SMTP listener; waits until the pipeline finished with it. */
async function viaSmtp(mail: Mail, envelopeTo?: string[]): Promise<{ id: string; item: Record<string, any> }> {
  const raw = await compose(mail);
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port: test.twin.state.smtpPort, secure: false, ignoreTLS: true });
  const info = await transport.sendMail({ envelope: { from: mail.from.replace(/.*</, '').replace('>', ''), to: envelopeTo ?? [mail.to ?? support].flat() }, raw });
  const id = /queued as ([a-z0-9]+)/.exec(info.response)![1]!;
  return { id, item: await settled(id) };
}

async function settled(id: string): Promise<Record<string, any>> {
  const { InboundMessage } = await entities();
  for (let i = 0; i < 300; i++) {
    const { data } = await InboundMessage.get({ messageId: id }).go({ consistent: true });
    if (data && data.status !== 'received' && data.status !== 'processing') return data;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`inbound ${id} never finished`);
}

/** The SES path without SMTP: raw object in the inbound bucket, then the handler with the event. */
async function viaHandler(raw: Buffer, edit?: (event: any) => void, id = sesMessageId()) {
  const { state } = test.twin;
  const s3 = new S3Client({ endpoint: state.endpoints.s3, region: state.region, forcePathStyle: true });
  const key = `inbound/${id}`;
  await s3.send(new PutObjectCommand({ Bucket: state.buckets.inbound, Key: key, Body: raw }));
  const event = await sesEvent(raw, id, 'sender@example.net', [support], state.region, state.buckets.inbound, key);
  edit?.(event);
  const { handler } = await import('../../functions/mail/inbound.js');
  return { id, event, handler: (e = event) => handler(e, lambdaContext('mail-inbound')) as Promise<{ outcomes: string[] }> };
}

async function ticketOf(item: Record<string, any>) {
  const { Ticket, TicketMessage, TicketAttachment } = await entities();
  const { data: ticket } = await Ticket.get({ ticketId: item.ticketId }).go({ consistent: true });
  const { data: messages } = await TicketMessage.query.byTicket({ ticketId: item.ticketId }).go({ pages: 'all' });
  const { data: attachments } = await TicketAttachment.query.byTicket({ ticketId: item.ticketId }).go({ pages: 'all' });
  return { ticket: ticket!, messages, attachments };
}

async function policy(unknownSender: 'lead' | 'guest' | 'reject', maxMessageBytes = 30 * 1024 * 1024) {
  const { MailSettings } = await entities();
  await MailSettings.put({ orgId: 'default', mailboxes: [], unknownSender, autoMailsPerHour: 5, maxMessageBytes }).go();
  // Written around the admin API (which resets it): the pipeline's 3 s cache must not answer.
  (await import('./settings.js')).resetMailSettingsCache();
}

beforeAll(async () => {
  test = await startTestTwin('mail-inbound');
  aliceId = subOf(await test.signIn(alice));
  await createOwnedAccount({ customerId: corp, type: 'corporate', name: 'Alice Trading SARL', currency: 'DZD' }, { userId: aliceId, name: 'Chloé', email: alice });
  await policy('lead');
}, 180_000);

afterAll(async () => {
  await test?.stop();
});

describe('new tickets from mail', () => {
  it('a known contact’s mail becomes an email ticket of their account, with its attachment and inline image (SMTP)', async () => {
    const { item } = await viaSmtp({
      from: `Chloé Martin <${alice}>`,
      subject: 'Printer offline',
      text: 'The printer on floor 3 is offline.',
      html: '<p>The printer on floor 3 is offline.</p><img src="cid:logo@x"><script>alert(1)</script>',
      attachments: [
        { filename: 'report.pdf', content: pdf },
        { filename: 'logo.png', content: png, cid: 'logo@x' },
      ],
    });
    expect(item.status).toBe('processed');
    const { ticket, messages, attachments } = await ticketOf(item);
    expect(ticket).toMatchObject({ channel: 'email', customerId: corp, requesterId: aliceId, requesterEmail: alice, subject: 'Printer offline', status: 'open' });
    expect(ticket.description).toContain('floor 3 is offline');
    expect(messages).toHaveLength(1);
    const [message] = messages;
    expect(message).toMatchObject({ channel: 'email', fromEmail: alice, fromName: 'Chloé Martin', authorKind: 'customer', inboundId: item.messageId });
    expect(message!.html).toContain('cid:logo@x');
    expect(message!.html).not.toContain('<script');
    expect(message!.attachments!.map((a) => a.fileName).sort()).toEqual(['logo.png', 'report.pdf']);
    expect(message!.attachments!.find((a) => a.fileName === 'logo.png')?.contentId).toBe('logo@x');
    const linked = attachments.filter((a) => a.messageId === message!.messageId);
    expect(linked.map((a) => [a.fileName, a.status, a.visibility]).sort()).toEqual([['logo.png', 'available', 'public'], ['report.pdf', 'available', 'public']]);
  });

  it('an unknown sender under `lead` gets a pending lead account of their own (origin email)', async () => {
    await policy('lead');
    const { item } = await viaSmtp({ from: 'Nadia Lead <nadia@prospect.example>', subject: 'Quote please', text: 'How much?' });
    const { ticket } = await ticketOf(item);
    const { Customer } = await entities();
    const { data: lead } = await Customer.get({ customerId: ticket.customerId }).go();
    expect(lead).toMatchObject({ status: 'pending', origin: 'email', name: 'Nadia Lead', email: 'nadia@prospect.example' });
    expect(ticket.requesterId).toBeUndefined();
  });

  it('an unknown sender under `guest` lands on the shared guest account', async () => {
    await policy('guest');
    const { item } = await viaSmtp({ from: 'guest@elsewhere.example', subject: 'Hi', text: 'A question' });
    expect((await ticketOf(item)).ticket.customerId).toBe('email-guests');
    await policy('lead');
  });

  it('an unknown sender under `reject` is answered once, however many mails they send, and nothing is created', async () => {
    await policy('reject');
    const sender = 'stranger@reject.example';
    for (let i = 0; i < 3; i++) {
      const { item } = await viaSmtp({ from: sender, subject: `Attempt ${i}`, text: 'Let me in' });
      expect(item).toMatchObject({ status: 'rejected', reason: 'unknown_sender' });
      expect(item.ticketId).toBeUndefined();
    }
    expect(await test.sentMail(sender)).toHaveLength(1);
    await policy('lead');
  });

  it('a From that names no mailbox is kept as written, goes to the guest account and is never mailed', async () => {
    await policy('lead');
    const raw = Buffer.from(
      ['From: "finances@loans.example"', `To: ${support}`, 'Subject: Loan offer', `Message-ID: <v${randomBytes(4).toString('hex')}@loans.example>`, '', 'Cheap loans'].join('\r\n'),
    );
    const { id, handler } = await viaHandler(raw);
    expect((await handler()).outcomes).toEqual(['created']);
    const { ticket, messages } = await ticketOf(await settled(id));
    expect(ticket.customerId).toBe('email-guests');
    expect(messages[0]).toMatchObject({ fromEmail: '"finances@loans.example"' });
    expect(messages[0]?.fromName).toBeUndefined();
    expect(await test.sentMail('finances@loans.example')).toHaveLength(0);
  });

  it('blocked attachments (a double extension, an executable named .pdf) are quarantined and not on the message', async () => {
    const { item } = await viaSmtp({
      from: alice,
      subject: 'Invoice',
      text: 'See attached',
      attachments: [
        { filename: 'invoice.pdf.exe', content: exe },
        { filename: 'statement.pdf', content: exe, contentType: 'application/pdf' },
        { filename: 'real.pdf', content: pdf },
      ],
    });
    const { messages, attachments } = await ticketOf(item);
    expect(messages[0]!.attachments!.map((a) => a.fileName)).toEqual(['real.pdf']);
    const quarantined = attachments.filter((a) => a.status === 'quarantined');
    expect(quarantined.map((a) => a.fileName).sort()).toEqual(['invoice.pdf.exe', 'statement.pdf']);
    expect(quarantined.every((a) => a.s3Key.startsWith('quarantine/') && !a.messageId)).toBe(true);
  });

  it('an oversize mail is answered once with a polite bounce and kept, no ticket', async () => {
    await policy('lead', 400);
    const sender = 'big@sender.example';
    const { item } = await viaSmtp({ from: sender, subject: 'Huge', text: 'x'.repeat(2000) });
    expect(item).toMatchObject({ status: 'rejected', reason: 'too_large' });
    expect(item.ticketId).toBeUndefined();
    expect(await test.sentMail(sender)).toHaveLength(1);
    await policy('lead');
  });
});

describe('threading', () => {
  let first: { ticketId: string; number: string; replyToken: string; rootMessageId: string };
  const rootId = `<root.${randomBytes(4).toString('hex')}@mail.example.net>`;
  const partner = 'partner@ext.example';

  beforeAll(async () => {
    const { item } = await viaSmtp({ from: `Chloé <${alice}>`, cc: partner, subject: 'VPN down', text: 'Cannot connect', messageId: rootId });
    const { ticket } = await ticketOf(item);
    first = { ticketId: ticket.ticketId, number: ticket.number, replyToken: ticket.replyToken!, rootMessageId: ticket.rootMessageId! };
    expect(ticket.participants).toEqual([partner]);
  });

  const expectOn = (item: Record<string, any>, ticketId: string) => expect({ status: item.status, ticketId: item.ticketId }).toEqual({ status: 'processed', ticketId });

  it('a reply with In-Reply-To lands on the ticket', async () => {
    const { item } = await viaSmtp({ from: alice, subject: 'Re: VPN down', text: 'Still down', headers: { 'In-Reply-To': rootId } });
    expectOn(item, first.ticketId);
    expect((await ticketOf(item)).messages).toHaveLength(2);
  });

  it('a reply with the headers stripped, sent to the +token address, lands on the ticket', async () => {
    const to = `support+${first.replyToken}@cloudmanager.example`;
    const { item } = await viaSmtp({ from: alice, to, subject: 'about that', text: 'no headers' }, [to]);
    expectOn(item, first.ticketId);
  });

  it('a subject-only [#number] reply from a stranger opens a NEW ticket', async () => {
    const { item } = await viaSmtp({ from: 'mallory@evil.example', subject: `Re: [#${first.number}] VPN down`, text: 'let me see it' });
    expect(item.status).toBe('processed');
    expect(item.ticketId).not.toBe(first.ticketId);
  });

  it('the same subject-only reply from the requester threads', async () => {
    const { item } = await viaSmtp({ from: alice, subject: `Re: [#${first.number}] VPN down`, text: 'me again' });
    expectOn(item, first.ticketId);
  });

  it('a CC’d participant’s reply threads (subject marker only: participants belong)', async () => {
    const { item } = await viaSmtp({ from: partner, subject: `RE: [#${first.number}] VPN down`, text: 'same here' });
    expectOn(item, first.ticketId);
    const { messages } = await ticketOf(item);
    expect(messages.at(-1)).toMatchObject({ fromEmail: partner, authorKind: 'customer' });
  });

  it('a staff member’s emailed reply that SES authenticates is their public reply: first response, mailed to the customer', async () => {
    const agent = 'agent@cloudmanager.example';
    const before = (await test.sentMail(alice)).length;
    const raw = await compose({ from: `Aya Agent <${agent}>`, subject: 'Re: VPN down', text: 'Please restart the client.\n\nOn Monday Chloé wrote:\n> Cannot connect', headers: { 'In-Reply-To': rootId } });
    const run = await viaHandler(raw, (event) => {
      event.Records[0].ses.receipt.dmarcVerdict = { status: 'PASS' };
    });
    expect((await run.handler()).outcomes).toEqual(['replied']);
    const { ticket, messages } = await ticketOf(await settled(run.id));
    expect(messages.at(-1)).toMatchObject({ kind: 'reply', authorKind: 'staff', authorName: 'Aya Agent', fromEmail: agent, channel: 'email' });
    expect(messages.at(-1)!.authorId).not.toMatch(/^email:/);
    expect(ticket.firstResponseAt).toBeDefined();
    const mailed = (await test.sentMail(alice)).slice(before);
    expect(mailed.map((m) => m.body.text ?? '').filter((t) => t.includes('Please restart the client.'))).toHaveLength(1);
    expect(mailed.some((m) => (m.body.text ?? '').includes('> Cannot connect'))).toBe(false);
  });

  it('a staff address SES does not vouch for becomes an internal note, never mailed to the customer', async () => {
    const agent = 'agent@cloudmanager.example';
    const before = (await test.sentMail(alice)).length;
    const { item } = await viaSmtp({ from: agent, subject: 'Re: VPN down', text: 'Margin on this one is thin', headers: { 'In-Reply-To': rootId } });
    expectOn(item, first.ticketId);
    const { messages, attachments } = await ticketOf(item);
    expect(messages.at(-1)).toMatchObject({ kind: 'note', authorKind: 'staff', body: expect.stringContaining('Margin on this one is thin') });
    expect(attachments.filter((a) => a.messageId === messages.at(-1)!.messageId && a.visibility === 'public')).toEqual([]);
    expect((await test.sentMail(alice)).slice(before).some((m) => (m.body.text ?? '').includes('Margin'))).toBe(false);
  });

  it('an Outlook-style reply (Thread-Index, RE:, References only) threads', async () => {
    const { item } = await viaSmtp({
      from: alice,
      subject: 'RE: VPN down',
      text: 'From Outlook',
      headers: { 'Thread-Index': 'AdlZx0qkq3m0c8Ff', References: `<unknown@elsewhere> ${rootId}` },
    });
    expectOn(item, first.ticketId);
  });

  it('a forwarded mail without headers opens a new ticket', async () => {
    const { item } = await viaSmtp({ from: alice, subject: 'Fwd: VPN down', text: '---------- Forwarded message ---------\nCannot connect' });
    expect(item.status).toBe('processed');
    expect(item.ticketId).not.toBe(first.ticketId);
  });

  it('an auto-reply to our mail creates nothing and sends nothing', async () => {
    const before = (await test.sentMail('ooo@')).length + (await test.sentMail(alice)).length;
    const { item } = await viaSmtp({
      from: alice,
      subject: 'Automatic reply: VPN down',
      text: 'I am out of office',
      headers: { 'Auto-Submitted': 'auto-replied', 'In-Reply-To': first.rootMessageId },
    });
    expect(item).toMatchObject({ status: 'ignored', classification: 'auto_reply' });
    expect(item.ticketId).toBeUndefined();
    const { messages } = await ticketOf({ ticketId: first.ticketId });
    expect(messages.some((m) => m.inboundId === item.messageId)).toBe(false);
    await new Promise((r) => setTimeout(r, 500));
    expect((await test.sentMail('ooo@')).length + (await test.sentMail(alice)).length).toBe(before);
  });

  it('a reply to a resolved ticket reopens it', async () => {
    const { Ticket } = await entities();
    const { data } = await Ticket.get({ ticketId: first.ticketId }).go({ consistent: true });
    await Ticket.patch({ ticketId: first.ticketId }).set({ status: 'resolved', resolvedAt: new Date().toISOString(), version: data!.version + 1 }).go();
    const { item } = await viaSmtp({ from: alice, subject: 'Re: VPN down', text: 'Broken again', headers: { 'In-Reply-To': rootId } });
    expectOn(item, first.ticketId);
    expect((await ticketOf(item)).ticket.status).toBe('open');
  });

  it('a reply to a ticket closed long ago opens a linked follow-up, also for a sender without an account', async () => {
    const { Ticket } = await entities();
    const { data } = await Ticket.get({ ticketId: first.ticketId }).go({ consistent: true });
    await Ticket.patch({ ticketId: first.ticketId }).set({ status: 'closed', closedAt: '2000-01-01T00:00:00.000Z', version: data!.version + 1 }).go();
    const { item } = await viaSmtp({ from: partner, subject: 'Re: VPN down', text: 'It is back', headers: { 'In-Reply-To': rootId } });
    expect(item.status).toBe('processed');
    expect(item.ticketId).not.toBe(first.ticketId);
    const { ticket, messages } = await ticketOf(item);
    expect(ticket).toMatchObject({ followUpOf: first.ticketId, customerId: corp, requesterEmail: partner, channel: 'email' });
    expect(messages).toHaveLength(1);
  });
});

describe('safety and idempotency', () => {
  it('the same SES event delivered twice makes one ticket (handler path)', async () => {
    const raw = await compose({ from: alice, subject: 'Twice', text: 'Delivered twice' });
    const run = await viaHandler(raw);
    expect((await run.handler()).outcomes).toEqual(['created']);
    expect((await run.handler()).outcomes).toEqual(['duplicate']);
    const { Ticket } = await entities();
    const item = await settled(run.id);
    const { data } = await Ticket.query.byCustomer({ customerId: corp }).where(({ subject }, { eq }) => eq(subject, 'Twice')).go({ pages: 'all' });
    expect(data.map((t) => t.ticketId)).toEqual([item.ticketId]);
    expect((await ticketOf(item)).messages).toHaveLength(1);
  });

  it('a run that died mid-way (record left processing) is taken over by a redelivery after the claim lease, not before', async () => {
    const raw = await compose({ from: alice, subject: 'Crashed run', text: 'The first run died' });
    const run = await viaHandler(raw);
    const { claimInboundMail } = await import('./inbound.js');
    const { claimLeaseMs } = await import('./intake.js');
    const { InboundMessage } = await entities();
    const now = new Date().toISOString();
    const record = run.event.Records[0] as Parameters<typeof claimInboundMail>[0];
    expect(await claimInboundMail(record, raw.byteLength, { release: false, now, leaseStart: now })).toMatchObject({ status: 'processing', attempts: 1 });
    const claimed = (ago: number) =>
      InboundMessage.patch({ messageId: run.id }).set({ status: 'processing', claimedAt: new Date(Date.now() - ago).toISOString() }).go();
    await claimed(1_000);
    expect((await run.handler()).outcomes).toEqual(['duplicate']);
    await claimed(claimLeaseMs + 1_000);
    expect((await run.handler()).outcomes).toEqual(['created']);
    expect((await ticketOf(await settled(run.id))).messages).toHaveLength(1);
  });

  it('a virus-flagged mail (eicar) is quarantined for review, no ticket', async () => {
    const { item } = await viaSmtp({ from: alice, subject: 'Virus', text: eicar });
    expect(item).toMatchObject({ status: 'quarantined', review: 'review' });
    expect(item.ticketId).toBeUndefined();
  });

  it('a spam FAIL verdict puts the mail on the spam list, no ticket', async () => {
    const raw = await compose({ from: alice, subject: 'Cheap pills', text: 'Buy now' });
    const run = await viaHandler(raw, (e) => (e.Records[0].ses.receipt.spamVerdict = { status: 'FAIL' }));
    expect((await run.handler()).outcomes).toEqual(['spam']);
    expect(await settled(run.id)).toMatchObject({ status: 'spam', review: 'review' });
    // The review index holds it; a mail that became a ticket is not in that index at all.
    const { InboundMessage } = await entities();
    const { data: review } = await InboundMessage.query.byReview({ review: 'review' }).go({ pages: 'all' });
    expect(review.map((m) => m.messageId)).toContain(run.id);
    const fine = await viaHandler(await compose({ from: alice, subject: 'Fine mail', text: 'Hello' }));
    expect((await fine.handler()).outcomes).toEqual(['created']);
    const { documentClient, tableName } = await import('../db/client.js');
    const { GetCommand } = await import('@aws-sdk/lib-dynamodb');
    const { Item } = await documentClient.send(new GetCommand({ TableName: tableName, Key: { pk: `$cm#messageid_${fine.id}`, sk: '$inboundmessage_1' } }));
    expect(Item).toMatchObject({ status: 'processed' });
    expect(Item?.gsi2pk).toBeUndefined();
  });

  it('a mail that fails is listed with held mail (kind failed, with the reason) and a retry after the fix files it', async () => {
    const { MailSettings } = await entities();
    const { listReview, releaseReviewItem } = await import('./review.js');
    const { resetMailSettingsCache } = await import('./settings.js');
    const { data: before } = await MailSettings.get({ orgId: 'default' }).go();
    // A mailbox whose category is gone: the ticket cannot be created.
    await MailSettings.put({ orgId: 'default', mailboxes: [{ address: support, groupId: 'support', categoryId: 'deleted-category' }], unknownSender: 'lead', autoMailsPerHour: 5, maxMessageBytes: 30 * 1024 * 1024 }).go();
    resetMailSettingsCache();
    try {
      const run = await viaHandler(await compose({ from: alice, subject: 'Lost in the pipeline', text: 'Hello?' }));
      expect((await run.handler()).outcomes).toEqual(['failed']);
      expect(await settled(run.id)).toMatchObject({ status: 'failed', review: 'review' });
      const listed = (await listReview({ kind: 'failed', limit: 100 })).items.find((m) => m.messageId === run.id);
      expect(listed).toMatchObject({ kind: 'failed', subject: 'Lost in the pipeline', reason: expect.stringContaining('Unknown category') });
      expect((await listReview({ kind: 'spam', limit: 100 })).items.map((m) => m.messageId)).not.toContain(run.id);

      await MailSettings.put({ orgId: 'default', mailboxes: [], unknownSender: 'lead', autoMailsPerHour: 5, maxMessageBytes: 30 * 1024 * 1024 }).go();
      resetMailSettingsCache();
      expect(await releaseReviewItem(run.id)).toMatchObject({ outcome: 'created', status: 'processed', ticketId: expect.any(String) });
      expect(await settled(run.id)).not.toHaveProperty('review');
      expect((await listReview({ kind: 'failed', limit: 100 })).items.map((m) => m.messageId)).not.toContain(run.id);
    } finally {
      if (before) await MailSettings.put(before).go();
      else await MailSettings.delete({ orgId: 'default' }).go();
      resetMailSettingsCache();
    }
  });

  it('a released spam mail becomes a ticket (verdict skipped), once', async () => {
    const raw = await compose({ from: alice, subject: 'Not spam after all', text: 'Really' });
    const run = await viaHandler(raw, (e) => (e.Records[0].ses.receipt.spamVerdict = { status: 'FAIL' }));
    await run.handler();
    const { processInboundMail } = await import('./intake.js');
    const record = run.event.Records[0] as unknown as Parameters<typeof processInboundMail>[0];
    expect(await processInboundMail(record, { release: true })).toBe('created');
    expect(await processInboundMail(record, { release: true })).toBe('duplicate');
  });

  it('a multipart/report bounce suppresses the failed address', async () => {
    const gone = 'gone@bounced.example';
    const boundary = 'b0und4ry';
    const raw = Buffer.from(
      [
        'From: Mail Delivery System <MAILER-DAEMON@mx.bounced.example>',
        `To: ${support}`,
        'Subject: Undelivered Mail Returned to Sender',
        `Message-ID: <bounce.${randomBytes(4).toString('hex')}@mx.bounced.example>`,
        'MIME-Version: 1.0',
        `Content-Type: multipart/report; report-type=delivery-status; boundary="${boundary}"`,
        '',
        `--${boundary}`,
        'Content-Type: text/plain',
        '',
        `Your message to ${gone} could not be delivered.`,
        `--${boundary}`,
        'Content-Type: message/delivery-status',
        '',
        'Reporting-MTA: dns; mx.bounced.example',
        '',
        `Final-Recipient: rfc822; ${gone}`,
        'Action: failed',
        'Status: 5.1.1',
        'Diagnostic-Code: smtp; 550 5.1.1 User unknown',
        `--${boundary}--`,
        '',
      ].join('\r\n'),
    );
    const run = await viaHandler(raw);
    expect((await run.handler()).outcomes).toEqual(['bounced']);
    const { MailSuppression } = await entities();
    const { data } = await MailSuppression.get({ email: gone }).go();
    expect(data).toMatchObject({ reason: 'bounce', sourceId: run.id });
  });
});
