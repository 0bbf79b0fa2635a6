import { DynamoDBDocumentClient, PutCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { actorFromClaims } from '../auth/actor.js';
import { CustomerContact } from '../db/entities/customer-contact.js';
import { Customer } from '../db/entities/customer.js';
import { Ticket } from '../db/entities/ticket.js';
import { User } from '../db/entities/user.js';
import { answerReads } from '../db/fake-table.js';
import type { AppError } from '../errors.js';
import { mailSystemActor } from '../mail/actor.js';
import { loadTicketFor } from './access.js';
import { changeTicketStatus, closeTicketAsCustomer, createTicket, rateTicket, toTicketView } from './service.js';

vi.mock('./categories.js', () => ({
  defaultsForCategory: vi.fn(async (categoryId: string) => ({ groupId: 'g-1', qcRequired: categoryId === 'cat-qc' })),
}));
vi.mock('./assignment.js', async (importOriginal) => ({
  ...(await importOriginal<typeof import('./assignment.js')>()),
  autoAssign: vi.fn(async (ticket: unknown) => ticket),
}));

const ddb = mockClient(DynamoDBDocumentClient);
let items: Record<string, unknown>[] = [];
const stored = (params: { params: <T>() => T }) => params.params<{ Item: Record<string, unknown> }>().Item;
const transactions = () => ddb.commandCalls(TransactWriteCommand).map((c) => c.args[0].input.TransactItems!);
const writes = () => ddb.calls().filter((c) => [PutCommand, UpdateCommand, TransactWriteCommand].some((C) => c.args[0] instanceof C));

const user = (sub: string, group: string) => actorFromClaims({ sub, username: sub, 'cognito:groups': [group] });
const agent = user('agent-1', 'agent');
const technician = user('tech-1', 'technician');
const manager = user('manager-1', 'manager');
const alice = user('alice', 'customer');
const bob = user('bob', 'customer');
const carol = user('carol', 'customer');
const mallory = user('mallory', 'customer');

const base = { subject: 'Printer jammed', description: 'Paper stuck', customerId: 'c1', categoryId: 'cat-1', priority: 'medium' as const };

function ticket(ticketId: string, over: Partial<Parameters<typeof Ticket.create>[0]> = {}) {
  return stored(Ticket.create({
    ticketId, number: '482913', subject: 'Printer', description: 'd', customerId: 'c1', requesterId: 'alice',
    requesterEmail: 'alice@example.com', channel: 'web', categoryId: 'cat-1', priority: 'medium', status: 'open',
    groupId: 'g-1', assigneeKey: 'unassigned#g-1', qcRequired: false, createdBy: 'alice', ...over,
  }));
}

beforeEach(() => {
  items = [
    stored(Customer.create({ customerId: 'c1', type: 'corporate', name: 'Acme', currency: 'EUR', createdBy: 'seed', email: 'it@acme.example' })),
    stored(User.create({ userId: 'alice', email: 'alice@example.com', name: 'Alice', role: 'customer', kind: 'customer' })),
    stored(CustomerContact.create({ customerId: 'c1', userId: 'alice', role: 'technical', canSeeTickets: false, name: 'Alice', email: 'alice@example.com', addedBy: 'seed' })),
    stored(CustomerContact.create({ customerId: 'c1', userId: 'bob', role: 'billing', canSeeTickets: true, name: 'Bob', email: 'bob@example.com', addedBy: 'seed' })),
    stored(CustomerContact.create({ customerId: 'c1', userId: 'carol', role: 'billing', canSeeTickets: false, name: 'Carol', email: 'carol@example.com', addedBy: 'seed' })),
    ticket('t-1'),
  ];
  answerReads(ddb, () => items);
  ddb.on(TransactWriteCommand).resolves({});
});
afterEach(() => ddb.reset());

describe('loadTicketFor', () => {
  it('lets staff read any ticket', async () => {
    // Act
    const found = await loadTicketFor(technician, 't-1', 'read');

    // Assess
    expect(found.ticketId).toBe('t-1');
  });

  it('lets the requester and contacts who see tickets read it', async () => {
    // Act
    const asRequester = await loadTicketFor(alice, 't-1', 'write');
    const asContact = await loadTicketFor(bob, 't-1', 'read');

    // Assess
    expect(asRequester.ticketId).toBe('t-1');
    expect(asContact.ticketId).toBe('t-1');
  });

  it('answers 404 to contacts without the right and to strangers', async () => {
    // Act
    const results = await Promise.allSettled([loadTicketFor(carol, 't-1', 'read'), loadTicketFor(mallory, 't-1', 'read'), loadTicketFor(agent, 'nope', 'read')]);

    // Assess
    expect(results.map((r) => (r.status === 'rejected' ? (r.reason as AppError).statusCode : 200))).toEqual([404, 404, 404]);
  });
});

describe('createTicket', () => {
  it('writes ticket, number lock, created event, search keys and the reply-token key in one transaction', async () => {
    // Act
    const created = await createTicket({ ...base }, bob);

    // Assess
    const [tx] = transactions();
    expect(tx).toHaveLength(3 + 3 + 1); // ticket, lock, event, w:printer, w:jammed, e:bob@example.com, reply token
    expect(tx![0]!.Put!.Item).toMatchObject({ ticketId: created.ticketId, status: 'open', channel: 'web', requesterId: 'bob', assigneeKey: 'unassigned#g-1' });
    expect(tx![1]!.Put!.Item).toMatchObject({ number: created.number, ticketId: created.ticketId });
    expect(tx!.map((i) => i.Put?.Item?.term).filter(Boolean)).toEqual(['w:printer', 'w:jammed', 'e:bob@example.com']);
    expect(tx![6]!.Put!.Item).toMatchObject({ kind: 'token', value: created.replyToken, ticketId: created.ticketId, source: 'ticket' });
    expect(created.replyToken).toMatch(/^[a-z2-7]{20}$/);
  });

  it('retries with another number when the number is taken', async () => {
    // Arrange
    const taken = Object.assign(new Error('cancelled'), { name: 'TransactionCanceledException', CancellationReasons: [{ Code: 'None' }, { Code: 'ConditionalCheckFailed' }] });
    ddb.on(TransactWriteCommand).rejectsOnce(taken).resolves({});

    // Act
    const created = await createTicket({ ...base }, manager);

    // Assess
    const [first, second] = transactions();
    expect(transactions()).toHaveLength(2);
    expect(second![1]!.Put!.Item!.number).toBe(created.number);
    expect(first![0]!.Put!.Item!.ticketId).toBe(second![0]!.Put!.Item!.ticketId);
    expect(created).toMatchObject({ channel: 'staff', requesterEmail: 'it@acme.example', createdBy: 'manager-1' });
  });

  it('opens a mail ticket with the sender as requester, the mailbox group and the id it was given; a redelivery returns the existing ticket', async () => {
    // Arrange
    const mail = {
      ticketId: 't-mail', groupId: 'g-mail', mailbox: 'support@cloudmanager.example', participants: ['cc@example.com'],
      requester: { requesterEmail: 'zed@example.com', requesterName: 'Zed' }, rootMessageId: 'abc@mail.example',
    };

    // Act
    const created = await createTicket({ ...base, mail }, mailSystemActor);
    items.push(ticket('t-mail', { channel: 'email', requesterEmail: 'zed@example.com' }));
    const taken = Object.assign(new Error('cancelled'), { name: 'TransactionCanceledException', CancellationReasons: [{ Code: 'ConditionalCheckFailed' }] });
    ddb.on(TransactWriteCommand).rejects(taken);
    const again = await createTicket({ ...base, mail }, mailSystemActor);

    // Assess
    expect(created).toMatchObject({
      ticketId: 't-mail', channel: 'email', groupId: 'g-mail', assigneeKey: 'unassigned#g-mail', requesterEmail: 'zed@example.com',
      mailbox: mail.mailbox, participants: ['cc@example.com'], rootMessageId: 'abc@mail.example',
    });
    expect(created.requesterId).toBeUndefined();
    expect(again).toMatchObject({ ticketId: 't-mail', channel: 'email' });
    expect(transactions()).toHaveLength(2);
  });

  it('refuses, writing nothing: urgent from a customer, a contact without the right, a stranger, a foreign requester', async () => {
    // Act
    const results = await Promise.allSettled([
      createTicket({ ...base, priority: 'urgent' }, bob),
      createTicket({ ...base }, carol),
      createTicket({ ...base }, mallory),
      createTicket({ ...base, requesterId: 'mallory' }, agent),
      createTicket({ ...base, channel: 'phone' }, bob),
    ]);

    // Assess
    expect(results.map((r) => (r.status === 'rejected' ? `${(r.reason as AppError).statusCode} ${(r.reason as AppError).code}` : 'ok'))).toEqual([
      '400 validation_failed', '403 forbidden', '404 not_found', '400 validation_failed', '400 validation_failed',
    ]);
    expect(writes()).toHaveLength(0);
  });
});

describe('status changes', () => {
  it('answers invalid_status_transition with from, to and refusal, writing nothing', async () => {
    // Act
    const error = (await changeTicketStatus('t-1', { version: 1, status: 'qc_pass' }, manager).catch((e: unknown) => e)) as AppError;

    // Assess
    expect(error.statusCode).toBe(409);
    expect(error.code).toBe('invalid_status_transition');
    expect(error.details).toEqual({ from: 'open', to: 'qc_pass', refusal: 'not_in_table' });
    expect(writes()).toHaveLength(0);
  });

  it('answers 409 conflict on a stale version before writing', async () => {
    // Act
    const error = (await changeTicketStatus('t-1', { version: 7, status: 'in_progress' }, agent).catch((e: unknown) => e)) as AppError;

    // Assess
    expect(error.code).toBe('conflict');
    expect(writes()).toHaveLength(0);
  });

  it('records a QC outcome with a qc event, only for QC checkers', async () => {
    // Arrange
    items.push(ticket('t-qc', { status: 'waiting_qc', qcRequired: true }));

    // Act
    const refused = (await changeTicketStatus('t-qc', { version: 1, status: 'qc_fail', reason: 'Untested' }, agent).catch((e: unknown) => e)) as AppError;
    const failed = await changeTicketStatus('t-qc', { version: 1, status: 'qc_fail', reason: 'Untested' }, manager);

    // Assess
    expect(refused.statusCode).toBe(403);
    expect(failed).toMatchObject({ status: 'qc_fail', qcOutcome: 'fail', qcBy: 'manager-1', qcReason: 'Untested', version: 2 });
    const [tx] = transactions();
    expect(tx!.map((i) => i.Put?.Item?.kind).filter(Boolean)).toEqual(['status', 'qc']);
  });

  it('lets the customer close their open ticket, and rate it only once resolved', async () => {
    // Act
    const early = (await rateTicket('t-1', { version: 1, rating: 5 }, alice).catch((e: unknown) => e)) as AppError;
    const closed = await closeTicketAsCustomer('t-1', 1, alice);

    // Assess
    expect(early.code).toBe('ticket_not_resolved');
    expect(closed).toMatchObject({ status: 'closed', version: 2 });
    expect(closed.closedAt).toBeDefined();
  });
});

describe('toTicketView', () => {
  it('hides staff fields and QC steps from customers', () => {
    // Arrange
    const item = { ...ticket('t-9', { status: 'qc_fail', qcRequired: true, qcReason: 'internal', assigneeId: 'agent-1', tags: ['vip'] }) } as never;

    // Act
    const view = toTicketView(item, alice);
    const staffView = toTicketView(item, manager);

    // Assess
    expect(view.status).toBe('in_progress');
    for (const key of ['qcReason', 'qcRequired', 'assigneeId', 'groupId', 'tags', 'allowedTransitions', 'createdBy']) expect(view).not.toHaveProperty(key);
    expect(staffView).toMatchObject({ status: 'qc_fail', qcReason: 'internal', allowedTransitions: ['in_progress'] });
  });
});
