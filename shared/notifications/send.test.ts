import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { DeleteCommand, DynamoDBDocumentClient, PutCommand, UpdateCommand, type PutCommandInput, type UpdateCommandInput } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import PostalMime from 'postal-mime';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MailSuppression } from '../db/entities/mail-suppression.js';
import { answerReads } from '../db/fake-table.js';
import { sendNotification, type Notification } from './send.js';

const ddb = mockClient(DynamoDBDocumentClient);
const ses = mockClient(SESv2Client);
let stored: Record<string, unknown>[] = [];
let sentToday = 0;
const claimed = new Set<string>();

beforeEach(() => {
  stored = [];
  sentToday = 0;
  claimed.clear();
  answerReads(ddb, () => stored);
  ddb.on(PutCommand).callsFake((input: PutCommandInput) => {
    const key = String(input.Item?.pk);
    if (input.Item?.__edb_e__ === 'notificationSent') {
      if (claimed.has(key)) throw new ConditionalCheckFailedException({ message: 'exists', $metadata: {} });
      claimed.add(key);
    }
    return {};
  });
  ddb.on(UpdateCommand).callsFake((input: UpdateCommandInput) => {
    if (JSON.stringify(input.ExpressionAttributeNames ?? {}).includes('count')) return { Attributes: { count: ++sentToday } };
    return { Attributes: {} };
  });
  ddb.on(DeleteCommand).resolves({});
  ses.on(SendEmailCommand).resolves({ MessageId: 'ses-0001' });
});
afterEach(() => {
  ddb.reset();
  ses.reset();
});

const notification = (over: Partial<Notification> = {}): Notification => ({
  dedupeKey: 'evt-1#alice@example.com',
  to: { email: 'Alice@Example.com', name: 'Alice', language: 'fr' },
  template: 'agent_reply',
  variables: { ticket_subject: 'Imprimante', reply_body: 'C’est réparé.', agent_name: 'Sam', company_name: 'ACME', contact_name: 'Alice' },
  ticket: { ticketId: 't-1', number: '100042', replyToken: 'tok123', rootMessageId: 'root@customer.example' },
  inReplyTo: 'last@customer.example',
  automatic: false,
  ...over,
});

const rawSent = async () => PostalMime.parse(Buffer.from(ses.commandCalls(SendEmailCommand)[0]!.args[0].input.Content!.Raw!.Data!));
const putsOf = (entity: string) => ddb.commandCalls(PutCommand).filter((c) => c.args[0].input.Item?.__edb_e__ === entity);

describe('sendNotification', () => {
  it('renders the recipient’s language, sends raw MIME through SES and stores the thread keys', async () => {
    expect(await sendNotification(notification())).toBe('sent');
    const input = ses.commandCalls(SendEmailCommand)[0]!.args[0].input;
    expect(input.Destination?.ToAddresses).toEqual(['alice@example.com']);
    const mail = await rawSent();
    expect(mail.subject).toBe('Re : Imprimante [#100042]');
    expect(mail.text).toContain('C’est réparé.');
    expect(mail.text).toContain('/portal/tickets/t-1');
    expect(mail.inReplyTo).toBe('<last@customer.example>');
    expect(mail.references).toBe('<root@customer.example> <last@customer.example>');
    expect(mail.replyTo?.[0]?.address).toBe('support+tok123@cloudmanager.example');
    expect(mail.headers.some((h) => h.key === 'auto-submitted')).toBe(false);
    const keys = putsOf('mailThreadKey').map((c) => c.args[0].input.Item);
    expect(keys.map((k) => k?.value)).toEqual([mail.messageId!.slice(1, -1), 'ses-0001@email.amazonses.com', expect.stringMatching(/^ses-0001@[a-z0-9-]+\.amazonses\.com$/)]);
    expect(keys.every((k) => k?.source === 'outbound' && k.ticketId === 't-1')).toBe(true);
  });

  it('never mails a suppressed address', async () => {
    stored = [MailSuppression.create({ email: 'alice@example.com', reason: 'bounce' }).params<{ Item: Record<string, unknown> }>().Item];
    expect(await sendNotification(notification())).toBe('suppressed');
    expect(ses.commandCalls(SendEmailCommand)).toHaveLength(0);
  });

  it('sends one mail per dedupe key', async () => {
    expect(await sendNotification(notification())).toBe('sent');
    expect(await sendNotification(notification())).toBe('duplicate');
    expect(ses.commandCalls(SendEmailCommand)).toHaveLength(1);
  });

  it('loop-guards automatic mails over the hourly limit and marks them Auto-Submitted', async () => {
    const outcomes = [];
    for (let i = 0; i < 7; i++) outcomes.push(await sendNotification(notification({ dedupeKey: `evt-${i}#x`, template: 'ticket_received', automatic: true })));
    expect(outcomes).toEqual(['sent', 'sent', 'sent', 'sent', 'sent', 'loop_guarded', 'loop_guarded']);
    expect(ses.commandCalls(SendEmailCommand)).toHaveLength(5);
    const mail = await rawSent();
    expect(mail.headers.find((h) => h.key === 'auto-submitted')?.value).toBe('auto-replied');
  });

  it('does not count staff alerts (loopGuard false) against the cap: every SLA alert is sent, still Auto-Submitted', async () => {
    const outcomes = [];
    for (let i = 0; i < 7; i++) outcomes.push(await sendNotification(notification({ dedupeKey: `sla-${i}#x`, template: 'sla_breach', automatic: true, loopGuard: false })));
    expect(outcomes).toEqual(Array(7).fill('sent'));
    const mail = await rawSent();
    expect(mail.headers.find((h) => h.key === 'auto-submitted')?.value).toBe('auto-replied');
  });

  it('never mails a recipient that is not an address (a From kept as written): no SES call, no dedupe marker', async () => {
    expect(await sendNotification(notification({ to: { email: '"finances@loans.example"' }, template: 'ticket_received', automatic: true }))).toBe('suppressed');
    expect(await sendNotification(notification({ to: { email: '"Millions"@example.com>' } }))).toBe('suppressed');
    expect(ses.commandCalls(SendEmailCommand)).toHaveLength(0);
    expect(putsOf('notificationSent')).toHaveLength(0);
  });

  it('releases the dedupe key when SES fails, so a retry sends', async () => {
    ses.on(SendEmailCommand).rejectsOnce(new Error('throttled')).resolves({ MessageId: 'ses-2' });
    ddb.on(DeleteCommand).callsFake(() => {
      claimed.clear();
      return {};
    });
    await expect(sendNotification(notification())).rejects.toThrow('throttled');
    expect(await sendNotification(notification())).toBe('sent');
  });
});
