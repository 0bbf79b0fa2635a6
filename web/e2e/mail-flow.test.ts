/**
 * The must-show, against the REAL local twin with the demo data, mail going through the
 * twin's SMTP listener and out through its SES endpoint: the demo customer emails the support
 * mailbox with an attachment → a ticket in the desk queue with the file; the customer replies to
 * the receipt (In-Reply-To) → same ticket; replies again without threading headers to the
 * `+token` Reply-To → same ticket; the agent replies in the desk and adds an internal note → the
 * customer gets the reply threaded (In-Reply-To, References), never the note; an auto-reply to the
 * agent's mail → nothing on the ticket and no mail sent.
 */
import { join } from 'node:path';
import type Mail from 'nodemailer/lib/mailer';
import PostalMime, { type Email } from 'postal-mime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { en } from '../src/i18n/locales/en';
import { actionTimeoutMs, assertRunnable, escape, haveChromium, mustRun, newPage, sendToTwin, signIn, startAppWithTwin, warnSkipped, type AppWithTwin } from './support';

warnSkipped('mail-flow');

const CUSTOMER = 'customer@cloudmanager.example';
const AGENT = 'agent@cloudmanager.example';
const SUPPORT = 'support@cloudmanager.example';
const SUBJECT = 'Printer on the second floor is offline';
const FILE = 'printer-panel.png';
const ROOT_ID = 'flow-1@customer.example';
const REPLY_ID = 'flow-2@customer.example';
const TOKEN_REPLY_ID = 'flow-3@customer.example';
/** A PNG signature and IHDR chunk: enough for the magic-byte check. */
const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000000000200015e2a7a9b0000000049454e44ae426082', 'hex');

/** One mail the twin's SES endpoint sent: the emulator's summary and the raw MIME, parsed. */
interface SentMail {
  messageId: string;
  to: string[];
  raw: string;
  parsed: Email;
  header: (name: string) => string;
}

describe.skipIf(!haveChromium && !mustRun)('mail to ticket and back (issue 6 must-show) against the local twin, in Chromium', () => {
  let env: AppWithTwin | undefined;
  const failedCalls: string[] = [];
  const rawCache = new Map<string, SentMail>();

  beforeAll(async () => {
    assertRunnable();
    env = await startAppWithTwin('mail-flow', { demoData: true });
  }, 240_000);

  afterAll(async () => {
    if (failedCalls.length) console.warn(`[web/e2e/mail-flow] API answers >= 400:\n  ${failedCalls.join('\n  ')}`);
    await env?.stop();
  });

  const smtp = (mail: Mail.Options) => sendToTwin(env!, mail);

  /** Polls `read` until it answers something, within the browser-step deadline. */
  async function until<T>(what: string, read: () => Promise<T | undefined>): Promise<T> {
    const deadline = Date.now() + actionTimeoutMs;
    for (;;) {
      const value = await read();
      if (value !== undefined) return value;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }

  /** The inbound record once processing is over (any final status). */
  async function inbound(id: string) {
    const { InboundMessage } = await import('../../shared/db/entities/inbound-message');
    return until(`inbound mail ${id}`, async () => {
      const { data } = await InboundMessage.get({ messageId: id }).go({ consistent: true });
      return data && !['received', 'processing'].includes(data.status) ? data : undefined;
    });
  }

  async function messagesOf(ticketId: string) {
    const { TicketMessage } = await import('../../shared/db/entities/ticket-message');
    return (await TicketMessage.query.byTicket({ ticketId }).go({ pages: 'all' })).data;
  }

  /** Every mail the SES endpoint has sent so far, with its raw MIME (GET /raw-email keeps every header). */
  async function sentMails(): Promise<SentMail[]> {
    const ses = env!.twin.state.endpoints.ses;
    const store = (await (await fetch(`${ses}/store`)).json()) as { emails: { messageId: string; destination?: { to?: string[] } }[] };
    const out: SentMail[] = [];
    for (const email of store.emails) {
      let mail = rawCache.get(email.messageId);
      if (!mail) {
        const response = await fetch(`${ses}/raw-email?messageId=${encodeURIComponent(email.messageId)}`);
        expect(response.status, `raw of ${email.messageId}`).toBe(200);
        const raw = await response.text();
        const parsed = await PostalMime.parse(raw);
        const header = (name: string) => parsed.headers.find((h) => h.key === name.toLowerCase())?.value ?? '';
        mail = { messageId: email.messageId, to: (email.destination?.to ?? []).map((a) => a.toLowerCase()), raw, parsed, header };
        rawCache.set(email.messageId, mail);
      }
      out.push(mail);
    }
    return out;
  }

  const toCustomer = (m: SentMail) => m.to.some((a) => a.includes(CUSTOMER));

  it('a mail becomes a ticket with its file, replies by mail thread onto it, the agent answers by mail without the note, an auto-reply changes nothing', async () => {
    const { Ticket } = await import('../../shared/db/entities/ticket');

    // 1. The customer emails the support mailbox with a picture of the printer's panel.
    const firstId = await smtp({
      from: `Nadia Benali <${CUSTOMER}>`,
      to: SUPPORT,
      subject: SUBJECT,
      messageId: `<${ROOT_ID}>`,
      text: 'Hello,\n\nthe printer on the second floor shows an error and prints nothing.\n\nNadia',
      attachments: [{ filename: FILE, content: png, contentType: 'image/png' }],
    });
    const first = await inbound(firstId);
    expect(first.status).toBe('processed');
    const ticketId = first.ticketId!;
    const { data: ticket } = await Ticket.get({ ticketId }).go({ consistent: true });
    expect(ticket?.channel).toBe('email');
    expect(ticket?.requesterEmail).toBe(CUSTOMER);
    const number = String(ticket!.number);

    // It is in the agent's queues with its number; the ticket shows the mail and its file.
    const agent = await signIn(env!, await newPage(env!, failedCalls, { width: 1366 }), AGENT);
    await agent.getByRole('navigation').getByRole('link', { name: en.nav.tickets, exact: true }).click();
    await agent.getByRole('tab', { name: new RegExp(`^${escape(en.tickets.desk.queues.tabs.all)}`) }).click();
    const queue = agent.getByTestId('ticket-queue');
    await queue.getByRole('row', { name: new RegExp(escape(SUBJECT)) }).getByText(`#${number}`).waitFor();
    await agent.screenshot({ path: join(env!.shots, '1-queue.png'), fullPage: true });
    await queue.getByRole('link', { name: SUBJECT, exact: true }).click();
    await agent.getByRole('heading', { level: 1, name: en.tickets.view.heading.replace('{{number}}', number).replace('{{subject}}', SUBJECT) }).waitFor();
    const conversation = agent.getByTestId('ticket-conversation');
    await conversation.getByTestId('email-message').getByText(/prints nothing/).waitFor();
    await conversation.getByTestId('ticket-attachments').getByText(FILE, { exact: true }).waitFor();
    // The mail is the first message: no empty description box above it (the ticket has no files of its own).
    expect(await agent.getByRole('region', { name: en.tickets.view.description }).count()).toBe(0);
    await agent.screenshot({ path: join(env!.shots, '2-ticket.png'), fullPage: true });

    // 2. The receipt reached the customer; the reply to it (In-Reply-To, References) lands on the same ticket.
    const receipt = await until('the receipt mail', async () =>
      (await sentMails()).find((m) => toCustomer(m) && m.header('in-reply-to').includes(ROOT_ID)),
    );
    expect(`${receipt.parsed.subject ?? ''} ${receipt.parsed.text ?? ''}`).toContain(number);
    expect(receipt.header('auto-submitted')).toBe('auto-replied');
    const receiptId = receipt.header('message-id');
    expect(receiptId).toMatch(/^<.+@.+>$/);
    const replyTo = receipt.parsed.replyTo?.[0]?.address ?? '';
    expect(replyTo).toMatch(/^support\+[^@]+@cloudmanager\.example$/);

    const replyId = await smtp({
      from: `Nadia Benali <${CUSTOMER}>`,
      to: replyTo,
      subject: `Re: ${receipt.parsed.subject ?? SUBJECT}`,
      messageId: `<${REPLY_ID}>`,
      inReplyTo: receiptId,
      references: [receiptId],
      text: 'It is the HP LaserJet near the stairs.\n\n> quoted receipt',
    });
    const reply = await inbound(replyId);
    expect([reply.status, reply.ticketId]).toEqual(['processed', ticketId]);

    // 3. Again, now without In-Reply-To or References, to the +token Reply-To address only.
    const tokenReplyId = await smtp({
      from: CUSTOMER,
      to: replyTo,
      subject: 'One more detail',
      messageId: `<${TOKEN_REPLY_ID}>`,
      text: 'The error code on the panel is 49.4C02.',
    });
    const tokenReply = await inbound(tokenReplyId);
    expect([tokenReply.status, tokenReply.ticketId]).toEqual(['processed', ticketId]);
    const mailMessages = (await messagesOf(ticketId)).filter((m) => m.channel === 'email');
    expect(mailMessages.map((m) => m.inboundId).sort()).toEqual([firstId, replyId, tokenReplyId].sort());

    // 4. The agent sees both replies, answers, and adds an internal note.
    await agent.reload();
    await conversation.getByText(/HP LaserJet near the stairs/).waitFor();
    await conversation.getByText(/49\.4C02/).waitFor();
    const answer = `Thanks Nadia, a technician is on the way for ticket ${number}.`;
    const note = 'Internal: toner drum probably worn out, check stock before going up.';
    const composer = agent.getByTestId('ticket-composer');
    await composer.locator('textarea').fill(answer);
    await composer.getByRole('button', { name: en.tickets.composer.send, exact: true }).click();
    await conversation.getByTestId('ticket-reply').filter({ hasText: answer }).waitFor();
    await composer.getByText(en.tickets.composer.modes.note, { exact: true }).click();
    await composer.getByText(en.tickets.composer.noteWarning).waitFor();
    await composer.locator('textarea').fill(note);
    await composer.getByRole('button', { name: en.tickets.composer.sendNote, exact: true }).click();
    await conversation.getByTestId('ticket-note').filter({ hasText: note }).waitFor();
    await agent.screenshot({ path: join(env!.shots, '3-answered.png'), fullPage: true });

    // The customer gets the answer, threaded under the mails of this ticket; the note goes nowhere.
    const answered = await until('the agent’s answer by mail', async () => (await sentMails()).find((m) => toCustomer(m) && m.raw.includes('technician is on the way')));
    const inReplyTo = answered.header('in-reply-to');
    const references = answered.header('references');
    expect([`<${ROOT_ID}>`, `<${REPLY_ID}>`, `<${TOKEN_REPLY_ID}>`]).toContain(inReplyTo);
    expect(references).toContain(`<${ROOT_ID}>`);
    expect(references).toContain(inReplyTo);
    expect(answered.header('auto-submitted')).toBe('');
    expect(answered.parsed.replyTo?.[0]?.address).toBe(replyTo);
    await env!.twin.gateway.feed.drain();
    const everything = await sentMails();
    expect(everything.filter((m) => m.raw.includes('toner drum'))).toEqual([]);

    // 5. An out-of-office answer to the agent's mail: ignored, nothing on the ticket, no mail sent.
    const messagesBefore = (await messagesOf(ticketId)).length;
    const mailsBefore = everything.length;
    const autoId = await smtp({
      from: CUSTOMER,
      to: replyTo,
      subject: `Automatic reply: ${answered.parsed.subject ?? ''}`,
      inReplyTo: answered.header('message-id'),
      references: [answered.header('message-id')],
      headers: { 'Auto-Submitted': 'auto-replied' },
      text: 'I am out of the office until Monday.',
    });
    const auto = await inbound(autoId);
    expect([auto.status, auto.classification, auto.ticketId]).toEqual(['ignored', 'auto_reply', undefined]);
    await env!.twin.gateway.feed.drain();
    expect((await messagesOf(ticketId)).length).toBe(messagesBefore);
    expect((await sentMails()).length).toBe(mailsBefore);
    await agent.reload();
    await conversation.getByTestId('ticket-reply').filter({ hasText: answer }).waitFor();
    expect(await conversation.getByText(/out of the office/).count()).toBe(0);
    await agent.context().close();
  }, 600_000);
});
