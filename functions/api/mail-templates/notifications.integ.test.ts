import PostalMime from 'postal-mime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOwnedAccount, outcome, startTestTwin, type Reply, type StoredMail, type TestTwin, signInEach } from '../../../infra/local/testing/api.js';

// Notifications end to end on the local twin: API change → ticket event → notifications stream
// consumer → SES (aws-ses-v2-local). The emulator keeps only some fields of a raw mail, so the raw
// MIME each send carried is also captured with a middleware on the app's own SES client.

let test: TestTwin;
type Who = 'alice' | 'bob' | 'agent' | 'admin' | 'manager';
const token: Record<Who, string> = { alice: '', bob: '', agent: '', admin: '', manager: '' };
const userId: Partial<Record<Who, string>> = {};
const corp = 'notify-test-corp';
const other = 'notify-test-other';
const general = 'notify-test-general';
const call = (method: string, path: string, who: Who, body?: unknown) => test.call(method, path, token[who], body);
const raw = (r: Reply) => JSON.stringify(r.body);
/** SES message id → the raw MIME sent. */
const sentRaw = new Map<string, Buffer>();

async function open(who: Who, customerId: string, subject: string): Promise<Record<string, any>> {
  const res = await call('POST', '/tickets', who, { subject, description: 'Paper stuck.', customerId, categoryId: general });
  expect(res.status, raw(res)).toBe(201);
  return res.body!;
}

async function mailsAbout(to: string, number: string): Promise<StoredMail[]> {
  return (await test.sentMail(to)).filter((m) => m.subject.includes(`[#${number}]`));
}

const parsed = (m: StoredMail) => PostalMime.parse(sentRaw.get(m.messageId)!);
const header = (mail: Awaited<ReturnType<typeof parsed>>, key: string) => mail.headers.find((h) => h.key === key)?.value;

beforeAll(async () => {
  test = await startTestTwin('notifications');
  await signInEach(test, { alice: 'customer@cloudmanager.example', bob: 'customer2@cloudmanager.example', agent: 'agent@cloudmanager.example', admin: 'admin@cloudmanager.example', manager: 'manager@cloudmanager.example' }, token, userId);
  await createOwnedAccount({ customerId: corp, type: 'corporate', name: 'Alice Trading SARL', currency: 'DZD' }, { userId: userId.alice!, name: 'Chloé', email: 'customer@cloudmanager.example' });
  await createOwnedAccount({ customerId: other, type: 'individual', name: 'Bob Person', currency: 'DZD' }, { userId: userId.bob!, name: 'Karim', email: 'customer2@cloudmanager.example' });
  const { TicketCategory } = await import('../../../shared/db/entities/ticket-category.js');
  await TicketCategory.create({ categoryId: general, parentKey: 'root', name: 'General', nameLower: 'general', defaultGroupId: 'notify-test-group' }).go();
  const { sesClient } = await import('../../../shared/aws/ses.js');
  (await sesClient()).middlewareStack.add(
    (next, _context) => async (args) => {
      const result = await next(args);
      const data = (args.input as { Content?: { Raw?: { Data?: Uint8Array } } }).Content?.Raw?.Data;
      const id = (result.output as { MessageId?: string }).MessageId;
      if (data && id) sentRaw.set(id, Buffer.from(data));
      return result;
    },
    { step: 'initialize', name: 'captureRawMail' },
  );
}, 180_000);

afterAll(async () => {
  await test?.stop();
});

describe('notifications', () => {
  it('a new ticket sends the requester an automatic receipt; an agent reply reaches them threaded; an internal note reaches no customer', async () => {
    const ticket = await open('alice', corp, 'Printer jammed on floor 3');
    const { Ticket } = await import('../../../shared/db/entities/ticket.js');
    const stored = (await Ticket.get({ ticketId: ticket.ticketId }).go()).data!;

    const [receipt, ...more] = await mailsAbout('customer@cloudmanager.example', ticket.number);
    expect(more).toEqual([]);
    expect(receipt!.subject).toContain('Printer jammed on floor 3');
    const r = await parsed(receipt!);
    expect(header(r, 'auto-submitted')).toBe('auto-replied');
    expect(r.messageId).toMatch(new RegExp(`^<n\\.${ticket.number}\\.[0-9a-f]+@cloudmanager\\.example>$`));
    expect(r.replyTo?.[0]?.address).toBe(`support+${stored.replyToken}@cloudmanager.example`);
    expect(r.references).toContain(`<${stored.rootMessageId}>`);
    expect(r.text).toContain(`/portal/tickets/${ticket.ticketId}`);
    expect(r.html).toContain(ticket.number);

    const reply = await call('POST', `/tickets/${ticket.ticketId}/messages`, 'agent', { body: 'We replaced the fuser unit.' });
    expect(reply.status, raw(reply)).toBe(201);
    const secret = `MARGIN-${Date.now()}-internal`;
    const note = await call('POST', `/tickets/${ticket.ticketId}/messages`, 'agent', { kind: 'note', body: `@manager please check the ${secret}` });
    expect(note.status, raw(note)).toBe(201);

    const mails = await mailsAbout('customer@cloudmanager.example', ticket.number);
    expect(mails).toHaveLength(2);
    const answer = await parsed(mails[1]!);
    expect(answer.text).toContain('We replaced the fuser unit.');
    expect(answer.inReplyTo).toBe(`<${stored.rootMessageId}>`);
    expect(answer.references).toContain(`<${stored.rootMessageId}>`);
    expect(header(answer, 'auto-submitted')).toBeUndefined();
    expect(answer.messageId).not.toBe(r.messageId);

    // The mention reaches the manager (staff), with the note; no other stored mail carries the note.
    const mention = await mailsAbout('manager@cloudmanager.example', ticket.number);
    expect(mention).toHaveLength(1);
    expect(mention[0]!.body.text).toContain(secret);
    const { emails } = (await (await fetch(`${test.twin.state.endpoints.ses}/store`)).json()) as { emails: StoredMail[] };
    for (const m of emails) {
      const eml = await (await fetch(`${test.twin.state.endpoints.ses}/get-emlContent?messageId=${encodeURIComponent(m.messageId)}`)).text();
      const rawText = sentRaw.get(m.messageId)?.toString('utf8') ?? '';
      const carries = eml.includes(secret) || rawText.includes(secret) || (m.body.text ?? '').includes(secret);
      expect(carries, `mail to ${m.destination.to.join(',')}`).toBe(m.messageId === mention[0]!.messageId);
    }
  });

  it('a suppressed address is never mailed', async () => {
    const { suppressAddress } = await import('../../../shared/notifications/suppression.js');
    await suppressAddress({ email: 'Customer2@cloudmanager.example', reason: 'bounce', detail: '5.1.1' });
    const ticket = await open('bob', other, 'Router keeps rebooting');
    const reply = await call('POST', `/tickets/${ticket.ticketId}/messages`, 'agent', { body: 'Please send the model.' });
    expect(reply.status, raw(reply)).toBe(201);
    expect(await mailsAbout('customer2@cloudmanager.example', ticket.number)).toEqual([]);
  });

  it('an override with an unknown variable is refused (400) and nothing is written; a valid one is used for the next mail', async () => {
    const before = test.writesOf('mailTemplate');
    const bad = await call('PUT', '/mail-templates/agent_reply/en', 'admin', { subject: 'Hi {{password}}', body: '{{reply_body}}', version: 0 });
    expect(outcome(bad)).toEqual({ status: 400, code: 'unknown_template_variable' });
    expect(outcome(await call('PUT', '/mail-templates/agent_reply/en', 'admin', { subject: 'x', body: '{{constructor}}', version: 0 }))).toEqual({ status: 400, code: 'unknown_template_variable' });
    expect(outcome(await call('PUT', '/mail-templates/agent_reply/en', 'agent', { subject: 'x', body: 'y', version: 0 }))).toMatchObject({ status: 403 });
    expect(test.writesOf('mailTemplate')).toBe(before);

    const saved = await call('PUT', '/mail-templates/agent_reply/en', 'admin', { subject: 'Answer on {{ticket_number}}', body: 'Dear {{contact_name}}:\n\n{{reply_body}}', version: 0 });
    expect(saved.status, raw(saved)).toBe(200);
    expect(saved.body).toMatchObject({ overridden: true, version: 1 });
    expect(outcome(await call('PUT', '/mail-templates/agent_reply/en', 'admin', { subject: 'a', body: 'b', version: 0 }))).toEqual({ status: 409, code: 'conflict' });
    const list = await call('GET', '/mail-templates', 'manager');
    expect(list.body!.items).toContainEqual(expect.objectContaining({ event: 'agent_reply', language: 'en', overridden: true }));
    const preview = await call('POST', '/mail-templates/agent_reply/en/preview', 'admin', { body: '<b>{{agent_name}}</b>' });
    expect(preview.body!.html).toContain('&lt;b&gt;Sam Agent&lt;/b&gt;');

    const ticket = await open('alice', corp, 'Scanner offline');
    await call('POST', `/tickets/${ticket.ticketId}/messages`, 'agent', { body: 'Restarted it.' });
    const mails = await mailsAbout('customer@cloudmanager.example', ticket.number);
    expect(mails.map((m) => m.subject)).toContain(`Answer on ${ticket.number} [#${ticket.number}]`);

    expect((await call('DELETE', '/mail-templates/agent_reply/en', 'admin')).status).toBe(204);
    expect(outcome(await call('DELETE', '/mail-templates/agent_reply/en', 'admin'))).toMatchObject({ status: 404 });
  });
});
