import { BatchGetCommand, DynamoDBDocumentClient, type BatchGetCommandInput } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TicketItem } from '../db/entities/ticket.js';
import type { TicketEventItem } from '../db/entities/ticket-event.js';
import { TicketMessage } from '../db/entities/ticket-message.js';
import { User } from '../db/entities/user.js';
import { answerReads } from '../db/fake-table.js';
import { planEvent } from './reactor.js';

const ddb = mockClient(DynamoDBDocumentClient);
let stored: Record<string, unknown>[] = [];
const item = (params: { params: <T>() => T }) => params.params<{ Item: Record<string, unknown> }>().Item;

beforeEach(() => {
  stored = [
    item(User.create({ userId: 'u-agent', email: 'agent@cm.example', name: 'Sam Agent', role: 'agent', kind: 'staff', locale: 'fr-FR' })),
    item(User.create({ userId: 'u-manager', email: 'manager@cm.example', name: 'Mia Manager', role: 'manager', kind: 'staff' })),
    item(User.create({ userId: 'u-alice', email: 'alice@customer.example', name: 'Alice', role: 'customer', kind: 'customer' })),
  ];
  answerReads(ddb, () => stored);
  ddb.on(BatchGetCommand).callsFake((input: BatchGetCommandInput) => {
    const [table, request] = Object.entries(input.RequestItems ?? {})[0]!;
    const found = (request.Keys ?? []).map((k) => stored.find((i) => i.pk === k.pk && i.sk === k.sk)).filter(Boolean);
    return { Responses: { [table]: found }, UnprocessedKeys: {} };
  });
});
afterEach(() => ddb.reset());

const ticket = {
  ticketId: 't-1', number: '100042', subject: 'Printer', description: 'd', customerId: 'c-1', requesterId: 'u-alice',
  requesterEmail: 'alice@customer.example', requesterName: 'Alice', channel: 'web', categoryId: 'cat', priority: 'medium',
  status: 'open', groupId: 'g-1', assigneeId: 'u-agent', assigneeKey: 'u-agent', qcRequired: false, createdBy: 'u-alice',
  participants: ['cc@customer.example'], version: 3,
} as unknown as TicketItem;

const event = (over: Partial<TicketEventItem>): TicketEventItem => ({ ticketId: 't-1', eventId: 'e-1', at: '2026-01-01T10:00:00.000Z', kind: 'reply', actorId: 'u-agent', ...over }) as TicketEventItem;
const addMessage = (over: Record<string, unknown>) =>
  stored.push(item(TicketMessage.create({ ticketId: 't-1', messageId: 'm-1', createdAt: '2026-01-01T09:59:59.000Z', kind: 'reply', body: 'Hello', authorId: 'u-agent', authorName: 'Sam Agent', authorKind: 'staff', ...over } as never)));
const emails = (plans: { to: { email: string } }[]) => plans.map((p) => p.to.email);

describe('planEvent', () => {
  it('sends the requester a receipt for a new ticket, automatic', async () => {
    const plans = await planEvent(event({ kind: 'created', actorId: 'u-alice' }), ticket);
    expect(plans).toEqual([expect.objectContaining({ template: 'ticket_received', automatic: true, to: expect.objectContaining({ email: 'alice@customer.example' }) })]);
  });

  it('mails a staff reply to the requester and CC participants, with the reply text, not to its author', async () => {
    addMessage({ body: 'Fixed it.\n> old quoted', quoteStart: 9 });
    const plans = await planEvent(event({ details: { messageId: 'm-1', authorKind: 'staff' } }), ticket);
    expect(emails(plans)).toEqual(['alice@customer.example', 'cc@customer.example']);
    expect(plans.every((p) => p.template === 'agent_reply' && p.variables.reply_body === 'Fixed it.' && !p.automatic)).toBe(true);
  });

  it('never mails an internal note, even when an event names it as a reply', async () => {
    addMessage({ kind: 'note', body: 'SECRET margin 40%' });
    expect(await planEvent(event({ kind: 'note', details: { messageId: 'm-1' } }), ticket)).toEqual([]);
    expect(await planEvent(event({ kind: 'reply', details: { messageId: 'm-1' } }), ticket)).toEqual([]);
  });

  it('mails a customer reply to the assignee, never back to the customer', async () => {
    addMessage({ authorId: 'u-alice', authorName: 'Alice', authorKind: 'customer', body: 'Still broken' });
    const plans = await planEvent(event({ actorId: 'u-alice', details: { messageId: 'm-1', authorKind: 'customer' } }), ticket);
    expect(plans).toEqual([expect.objectContaining({ template: 'customer_reply', to: expect.objectContaining({ email: 'agent@cm.example', staff: true }), variables: expect.objectContaining({ reply_body: 'Still broken' }) })]);
  });

  it('mails a mention to the mentioned staff only, with the note excerpt', async () => {
    addMessage({ kind: 'note', body: '@mia SECRET margin 40%' });
    const plans = await planEvent(event({ kind: 'mention', details: { messageId: 'm-1', userIds: ['u-manager', 'u-alice', 'u-agent'] } }), ticket);
    expect(emails(plans)).toEqual(['manager@cm.example']);
    expect(plans[0]).toMatchObject({ template: 'mention', to: { staff: true }, variables: { mention_excerpt: '@mia SECRET margin 40%' } });
  });

  it('tells the requester about resolution but not about an internal QC step', async () => {
    expect(emails(await planEvent(event({ kind: 'status', from: 'in_progress', to: 'resolved' }), ticket))).toEqual(['alice@customer.example', 'cc@customer.example']);
    expect(await planEvent(event({ kind: 'status', from: 'in_progress', to: 'waiting_qc' }), ticket)).toEqual([]);
  });

  it('mails a new assignee who did not assign themselves', async () => {
    expect(emails(await planEvent(event({ kind: 'assignee', to: 'u-agent', actorId: 'u-manager' }), ticket))).toEqual(['agent@cm.example']);
    expect(await planEvent(event({ kind: 'assignee', to: 'u-agent', actorId: 'u-agent' }), ticket)).toEqual([]);
  });
});
