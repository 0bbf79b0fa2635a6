import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { BatchWriteCommand, DeleteCommand, DynamoDBDocumentClient, PutCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { actorFromClaims } from '../auth/actor.js';
import { ContactInvitation } from '../db/entities/contact-invitation.js';
import { CustomerContact } from '../db/entities/customer-contact.js';
import { Customer } from '../db/entities/customer.js';
import { User } from '../db/entities/user.js';
import { answerReads } from '../db/fake-table.js';
import type { AppError } from '../errors.js';
import { acceptInvitation, inviteContact, removeContact, updateContact } from './service.js';

const ddb = mockClient(DynamoDBDocumentClient);
const ses = mockClient(SESv2Client);
let items: Record<string, unknown>[] = [];

const writes = () => ddb.calls().filter((c) => [PutCommand, UpdateCommand, DeleteCommand, TransactWriteCommand, BatchWriteCommand].some((C) => c.args[0] instanceof C));
const transactions = () => ddb.commandCalls(TransactWriteCommand).map((c) => c.args[0].input.TransactItems!);
const stored = (params: { params: <T>() => T }) => params.params<{ Item: Record<string, unknown> }>().Item;

const customerUser = (sub: string) => actorFromClaims({ sub, username: sub, 'cognito:groups': ['customer'] });
const agent = actorFromClaims({ sub: 'agent-1', username: 'agent', 'cognito:groups': ['agent'] });
const owner = customerUser('owner-1');
const billing = customerUser('billing-1');
const tech = customerUser('tech-1');
const invitee = customerUser('invitee-1');
const nowSeconds = () => Math.floor(Date.now() / 1000);

function contact(userId: string, role: 'owner' | 'billing' | 'technical', rights: { canManageContacts?: boolean; canSeeInvoices?: boolean } = {}) {
  return stored(CustomerContact.create({ customerId: 'c1', userId, role, name: userId, email: `${userId}@example.com`, addedBy: 'seed', ...rights }));
}
function invitation(invitationId: string, over: { status?: 'pending' | 'accepted'; expiresAt?: number; emailLower?: string } = {}) {
  const emailLower = over.emailLower ?? 'invitee@example.com';
  return stored(
    ContactInvitation.create({
      invitationId, customerId: 'c1', customerName: 'Acme', email: emailLower, emailLower, role: 'billing',
      canSeeTickets: true, canSeeInvoices: true, canManageContacts: false, status: over.status ?? 'pending',
      invitedBy: 'owner-1', invitedByName: 'Olga', expiresAt: over.expiresAt ?? nowSeconds() + 3600,
    }),
  );
}

beforeEach(() => {
  items = [
    stored(Customer.create({ customerId: 'c1', type: 'corporate', name: 'Acme', currency: 'EUR', createdBy: 'owner-1' })),
    stored(User.create({ userId: 'invitee-1', email: 'Invitee@Example.com', name: 'Ines', role: 'customer', kind: 'customer' })),
    contact('owner-1', 'owner'),
    contact('billing-1', 'billing', { canManageContacts: true }),
    contact('tech-1', 'technical'),
  ];
  answerReads(ddb, () => items);
  ddb.on(TransactWriteCommand).resolves({});
  ddb.on(PutCommand).resolves({});
  ddb.on(UpdateCommand).resolves({ Attributes: {} });
  ses.on(SendEmailCommand).resolves({ MessageId: 'm-1' });
});
afterEach(() => {
  ddb.reset();
  ses.reset();
});

async function rejection(promise: Promise<unknown>): Promise<{ status: number; code: string }> {
  try {
    await promise;
  } catch (err) {
    return { status: (err as AppError).statusCode, code: (err as AppError).code };
  }
  throw new Error('expected a rejection');
}

const asTechnical = { role: 'technical' as const, canSeeTickets: true, canSeeInvoices: false, canManageContacts: false, version: 1 };

describe('updateContact', () => {
  it('refuses to demote the last owner (409 last_owner) and writes nothing', async () => {
    expect(await rejection(updateContact(owner, 'c1', 'owner-1', asTechnical))).toEqual({ status: 409, code: 'last_owner' });
    expect(writes()).toHaveLength(0);
  });

  it('demotes an owner while another stays: the other owner is checked in the same transaction', async () => {
    items.push(contact('owner-2', 'owner'));
    const view = await updateContact(owner, 'c1', 'owner-1', asTechnical);
    expect(view).toMatchObject({ role: 'technical', version: 2 });
    const [update, check] = transactions()[0]!;
    expect(update!.Update).toMatchObject({ ConditionExpression: expect.stringContaining('#version = :version') });
    expect(check!.ConditionCheck).toMatchObject({ Key: expect.objectContaining({ sk: expect.stringContaining('owner-2') }) });
  });

  it('answers version_conflict for a stale version, before any write', async () => {
    expect(await rejection(updateContact(agent, 'c1', 'tech-1', { ...asTechnical, version: 7 }))).toEqual({ status: 409, code: 'version_conflict' });
    expect(writes()).toHaveLength(0);
  });

  it('lets only owners make owners or touch owners', async () => {
    expect(await rejection(updateContact(billing, 'c1', 'tech-1', { ...asTechnical, role: 'owner' }))).toEqual({ status: 403, code: 'forbidden' });
    expect(await rejection(updateContact(billing, 'c1', 'owner-1', { ...asTechnical, role: 'owner' }))).toEqual({ status: 403, code: 'forbidden' });
    expect(writes()).toHaveLength(0);
    expect(await updateContact(owner, 'c1', 'tech-1', { ...asTechnical, role: 'owner' })).toMatchObject({ role: 'owner', canSeeInvoices: true, canManageContacts: true });
  });

  it('refuses a contact without canManageContacts (403), and a stranger (404)', async () => {
    expect(await rejection(updateContact(tech, 'c1', 'billing-1', asTechnical))).toEqual({ status: 403, code: 'forbidden' });
    expect(await rejection(updateContact(customerUser('stranger'), 'c1', 'tech-1', asTechnical))).toEqual({ status: 404, code: 'not_found' });
    expect(writes()).toHaveLength(0);
  });
});

describe('removeContact', () => {
  it('lets a contact leave without rights, but not remove someone else', async () => {
    expect(await rejection(removeContact(tech, 'c1', 'billing-1'))).toEqual({ status: 403, code: 'forbidden' });
    expect(writes()).toHaveLength(0);
    await removeContact(tech, 'c1', 'tech-1');
    expect(transactions()[0]![0]!.Delete).toMatchObject({ Key: expect.objectContaining({ sk: expect.stringContaining('tech-1') }) });
  });

  it('keeps the last owner, even when they leave themself', async () => {
    expect(await rejection(removeContact(owner, 'c1', 'owner-1'))).toEqual({ status: 409, code: 'last_owner' });
    expect(await rejection(removeContact(agent, 'c1', 'owner-1'))).toEqual({ status: 409, code: 'last_owner' });
    expect(writes()).toHaveLength(0);
  });
});

describe('inviteContact', () => {
  const form = { email: 'Invitee@Example.com', role: 'billing' as const, canSeeTickets: true, canSeeInvoices: false, canManageContacts: false };

  it('records a 14-day invitation and emails a link to the portal invitations page', async () => {
    const view = await inviteContact(billing, 'c1', form);
    expect(view).toMatchObject({ customerName: 'Acme', email: 'Invitee@Example.com', role: 'billing', status: 'pending', invitedByName: 'billing-1' });
    const put = ddb.commandCalls(PutCommand)[0]!.args[0].input.Item!;
    expect(put).toMatchObject({ emailLower: 'invitee@example.com', customerId: 'c1' });
    expect(put.expiresAt as number).toBeGreaterThanOrEqual(nowSeconds() + 14 * 86_400 - 5);
    const mail = ses.commandCalls(SendEmailCommand)[0]!.args[0].input;
    expect(mail.Destination?.ToAddresses).toEqual(['Invitee@Example.com']);
    expect(mail.Content?.Simple?.Body?.Text?.Data).toMatch(/\/portal\/invitations/);
  });

  it('refuses an email already a contact (already_contact) or already invited (invitation_pending)', async () => {
    items.push(contact('invitee-1', 'technical'));
    expect(await rejection(inviteContact(owner, 'c1', form))).toEqual({ status: 409, code: 'already_contact' });
    items.pop();
    items.push(invitation('i-1'));
    expect(await rejection(inviteContact(owner, 'c1', form))).toEqual({ status: 409, code: 'invitation_pending' });
    expect(writes()).toHaveLength(0);
    expect(ses.calls()).toHaveLength(0);
  });

  it('does not count an expired invitation as pending', async () => {
    items.push(invitation('i-old', { expiresAt: nowSeconds() - 1 }));
    await inviteContact(owner, 'c1', form);
    expect(ddb.commandCalls(PutCommand)).toHaveLength(1);
  });

  it('lets only owners invite an owner, and refuses contacts without canManageContacts', async () => {
    expect(await rejection(inviteContact(billing, 'c1', { ...form, role: 'owner' }))).toEqual({ status: 403, code: 'forbidden' });
    expect(await rejection(inviteContact(tech, 'c1', form))).toEqual({ status: 403, code: 'forbidden' });
    expect(writes()).toHaveLength(0);
  });
});

describe('acceptInvitation', () => {
  it('creates the contact and marks the invitation accepted in one transaction', async () => {
    items.push(invitation('i-1'));
    const account = await acceptInvitation(invitee, 'i-1');
    expect(account).toEqual({ customerId: 'c1', name: 'Acme', type: 'corporate', status: 'pending', role: 'billing', canSeeTickets: true, canSeeInvoices: true, canManageContacts: false });
    const [put, update] = transactions()[0]!;
    expect(put!.Put?.Item).toMatchObject({ customerId: 'c1', userId: 'invitee-1', role: 'billing', name: 'Ines', addedBy: 'owner-1' });
    expect(update!.Update).toMatchObject({ ExpressionAttributeValues: expect.objectContaining({ ':status_u0': 'accepted' }) });
  });

  it('answers 404 for an invitation addressed to someone else, 410 when expired, 409 when used', async () => {
    items.push(invitation('i-other', { emailLower: 'other@example.com' }), invitation('i-old', { expiresAt: nowSeconds() - 1 }), invitation('i-used', { status: 'accepted' }));
    expect(await rejection(acceptInvitation(invitee, 'i-other'))).toEqual({ status: 404, code: 'not_found' });
    expect(await rejection(acceptInvitation(invitee, 'i-old'))).toEqual({ status: 410, code: 'invitation_expired' });
    expect(await rejection(acceptInvitation(invitee, 'i-used'))).toEqual({ status: 409, code: 'invitation_not_pending' });
    expect(writes()).toHaveLength(0);
  });
});
