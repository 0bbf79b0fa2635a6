import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outcome, startTestTwin, type TestTwin } from '../../../infra/local/testing/api.js';

// Contacts and invitations against the local twin: customer@ (Alice) owns account A and invites
// customer2@ (Bob), who owns account B; rights, the last owner and isolation between accounts.

let test: TestTwin;
const tokens = { alice: '', bob: '', agent: '' };
const ids = { alice: '', bob: '', accountA: '', accountB: '' };
const aliceEmail = 'customer@cloudmanager.example';
const bobEmail = 'customer2@cloudmanager.example';
const agentEmail = 'agent@cloudmanager.example';

const call = (method: string, path: string, token: string, body?: unknown) => test.call(method, path, token, body);
const mailsTo = (address: string) => test.sentMail(address);

/** Opens an account owned by the caller through POST /me/customers (or, while that route is not deployed, through the entities). */
async function openAccount(token: string, userId: string, email: string, name: string): Promise<string> {
  const created = await call('POST', '/me/customers', token, { type: 'corporate', name, currency: 'EUR' });
  if (created.status === 201 || created.status === 200) return (created.body?.customerId ?? created.body?.customer?.customerId) as string;
  expect([404, 405]).toContain(created.status);
  const { Customer } = await import('../../../shared/db/entities/customer.js');
  const { CustomerContact } = await import('../../../shared/db/entities/customer-contact.js');
  const customerId = crypto.randomUUID();
  await Customer.create({ customerId, type: 'corporate', name, currency: 'EUR', createdBy: userId }).go();
  await CustomerContact.create({ customerId, userId, role: 'owner', canSeeTickets: true, canSeeInvoices: true, canManageContacts: true, name, email, addedBy: userId }).go();
  return customerId;
}

/** Changes to contacts and invitations so far, from the twin's change stream. */
const writesSoFar = () => test.writesOf('customerContact', 'contactInvitation');

beforeAll(async () => {
  test = await startTestTwin('contacts');
  tokens.alice = await test.signIn(aliceEmail);
  tokens.bob = await test.signIn(bobEmail);
  tokens.agent = await test.signIn(agentEmail);
  ids.alice = (await call('GET', '/me', tokens.alice)).body!.userId as string;
  ids.bob = (await call('GET', '/me', tokens.bob)).body!.userId as string;
  ids.accountA = await openAccount(tokens.alice, ids.alice, aliceEmail, 'Alice Trading');
  ids.accountB = await openAccount(tokens.bob, ids.bob, bobEmail, 'Bob Repairs');
}, 180_000);

afterAll(async () => {
  await test?.stop();
});

describe('contacts and invitations', () => {
  let invitationId = '';

  it('lists the accounts a customer owns; staff have none', async () => {
    const mine = await call('GET', '/me/customers', tokens.alice);
    expect(mine.body?.items).toEqual([expect.objectContaining({ customerId: ids.accountA, name: 'Alice Trading', role: 'owner', canManageContacts: true })]);
    expect((await call('GET', '/me/customers', tokens.agent)).body).toEqual({ items: [] });
  });

  it('invites by email: the invitee is mailed a link to the portal invitations page', async () => {
    const invited = await call('POST', `/customers/${ids.accountA}/invitations`, tokens.alice, { email: bobEmail.toUpperCase(), role: 'technical', canSeeTickets: true });
    expect(invited.status).toBe(201);
    expect(invited.body).toMatchObject({ customerName: 'Alice Trading', role: 'technical', canManageContacts: false, status: 'pending' });
    invitationId = invited.body!.invitationId as string;
    const mail = (await mailsTo(bobEmail)).at(-1);
    expect(mail?.subject).toMatch(/Alice Trading/);
    expect(mail?.body.text).toMatch(/\/portal\/invitations/);
  });

  it('refuses a second pending invitation of the same email, writing nothing', async () => {
    const before = writesSoFar();
    const again = await call('POST', `/customers/${ids.accountA}/invitations`, tokens.alice, { email: bobEmail, role: 'billing' });
    expect(outcome(again)).toEqual({ status: 409, code: 'invitation_pending' });
    expect(writesSoFar()).toBe(before);
  });

  it('shows the invitation to its addressee only, and on the account', async () => {
    expect((await call('GET', '/me/invitations', tokens.bob)).body?.items).toEqual([expect.objectContaining({ invitationId, customerName: 'Alice Trading' })]);
    expect((await call('GET', '/me/invitations', tokens.alice)).body?.items).toEqual([]);
    expect((await call('GET', `/customers/${ids.accountA}/invitations`, tokens.alice)).body?.items).toEqual([expect.objectContaining({ invitationId })]);
  });

  it('isolation: POST /me/invitations/{invitationId}/accept — an invitation addressed to someone else is not found', async () => {
    const before = writesSoFar();
    expect(outcome(await call('POST', `/me/invitations/${invitationId}/accept`, tokens.alice))).toEqual({ status: 404, code: 'not_found' });
    expect(writesSoFar()).toBe(before);
  });

  it('isolation: POST /me/invitations/{invitationId}/decline — an invitation addressed to someone else is not found', async () => {
    const before = writesSoFar();
    expect(outcome(await call('POST', `/me/invitations/${invitationId}/decline`, tokens.alice))).toEqual({ status: 404, code: 'not_found' });
    expect(writesSoFar()).toBe(before);
  });

  it('accepts: the invitee becomes a contact and now acts for both accounts', async () => {
    const before = writesSoFar();
    const accepted = await call('POST', `/me/invitations/${invitationId}/accept`, tokens.bob);
    // One transaction: the contact created, the invitation marked accepted.
    expect(writesSoFar() - before).toBe(2);
    expect(accepted.body).toMatchObject({ customerId: ids.accountA, role: 'technical', canManageContacts: false });
    expect(outcome(await call('POST', `/me/invitations/${invitationId}/accept`, tokens.bob))).toEqual({ status: 409, code: 'invitation_not_pending' });
    const accounts = (await call('GET', '/me/customers', tokens.bob)).body?.items as { customerId: string; role: string }[];
    expect(accounts.map((a) => [a.customerId, a.role]).sort()).toEqual([[ids.accountA, 'technical'], [ids.accountB, 'owner']].sort());
    const contacts = (await call('GET', `/customers/${ids.accountA}/contacts`, tokens.bob)).body?.items as { userId: string; role: string }[];
    expect(contacts.map((c) => [c.userId, c.role])).toEqual([[ids.alice, 'owner'], [ids.bob, 'technical']]);
    expect((await call('GET', `/customers/${ids.accountA}/invitations`, tokens.alice)).body?.items).toEqual([]);
  });

  it('enforces rights: a technical contact without canManageContacts cannot invite, edit or see invitations', async () => {
    const before = writesSoFar();
    expect(outcome(await call('POST', `/customers/${ids.accountA}/invitations`, tokens.bob, { email: 'friend@example.com', role: 'technical' }))).toEqual({ status: 403, code: 'forbidden' });
    expect(outcome(await call('PATCH', `/customers/${ids.accountA}/contacts/${ids.alice}`, tokens.bob, { role: 'technical', canSeeTickets: true, canSeeInvoices: false, canManageContacts: false, version: 1 }))).toEqual({ status: 403, code: 'forbidden' });
    expect(outcome(await call('GET', `/customers/${ids.accountA}/invitations`, tokens.bob))).toEqual({ status: 403, code: 'forbidden' });
    expect(writesSoFar()).toBe(before);
  });

  it('keeps the last owner: no removal, no demotion (409 last_owner)', async () => {
    const before = writesSoFar();
    expect(outcome(await call('DELETE', `/customers/${ids.accountA}/contacts/${ids.alice}`, tokens.alice))).toEqual({ status: 409, code: 'last_owner' });
    expect(outcome(await call('PATCH', `/customers/${ids.accountA}/contacts/${ids.alice}`, tokens.agent, { role: 'billing', canSeeTickets: true, canSeeInvoices: true, canManageContacts: true, version: 1 }))).toEqual({ status: 409, code: 'last_owner' });
    expect(writesSoFar()).toBe(before);
  });

  it('staff give rights (optimistic version); the contact may then invite, but not an owner', async () => {
    const granted = await call('PATCH', `/customers/${ids.accountA}/contacts/${ids.bob}`, tokens.agent, { role: 'technical', canSeeTickets: true, canSeeInvoices: false, canManageContacts: true, version: 1 });
    expect(granted.body).toMatchObject({ canManageContacts: true, version: 2 });
    const stale = await call('PATCH', `/customers/${ids.accountA}/contacts/${ids.bob}`, tokens.agent, { role: 'billing', canSeeTickets: true, canSeeInvoices: false, canManageContacts: true, version: 1 });
    expect(outcome(stale)).toEqual({ status: 409, code: 'version_conflict' });
    expect(outcome(await call('POST', `/customers/${ids.accountA}/invitations`, tokens.bob, { email: 'boss@example.com', role: 'owner' }))).toEqual({ status: 403, code: 'forbidden' });
    const invited = await call('POST', `/customers/${ids.accountA}/invitations`, tokens.bob, { email: 'friend@example.com', role: 'technical' });
    expect(invited.status).toBe(201);
    const revoked = await call('DELETE', `/customers/${ids.accountA}/invitations/${invited.body!.invitationId}`, tokens.bob);
    expect(revoked.status).toBe(204);
    expect((await call('GET', `/customers/${ids.accountA}/invitations`, tokens.bob)).body?.items).toEqual([]);
  });

  it('declines an invitation addressed to me', async () => {
    const invited = await call('POST', `/customers/${ids.accountB}/invitations`, tokens.bob, { email: aliceEmail, role: 'billing' });
    expect(invited.status).toBe(201);
    expect((await call('POST', `/me/invitations/${invited.body!.invitationId}/decline`, tokens.alice)).status).toBe(204);
    expect((await call('GET', '/me/invitations', tokens.alice)).body?.items).toEqual([]);
    expect((await call('GET', '/me/customers', tokens.alice)).body?.items).toHaveLength(1);
  });
});

describe("object isolation: another customer's account answers 404 and nothing changes", () => {
  let foreignInvitation = '';

  beforeAll(async () => {
    const invited = await call('POST', `/customers/${ids.accountB}/invitations`, tokens.bob, { email: 'helper@example.com', role: 'technical' });
    foreignInvitation = invited.body!.invitationId as string;
  });

  const notFound = { status: 404, code: 'not_found' };
  const grant = { role: 'owner', canSeeTickets: true, canSeeInvoices: true, canManageContacts: true, version: 1 };

  it('isolation: GET /customers/{customerId}/contacts', async () => {
    expect(outcome(await call('GET', `/customers/${ids.accountB}/contacts`, tokens.alice))).toEqual(notFound);
  });

  it('isolation: PATCH /customers/{customerId}/contacts/{userId}', async () => {
    const before = writesSoFar();
    expect(outcome(await call('PATCH', `/customers/${ids.accountB}/contacts/${ids.bob}`, tokens.alice, { ...grant, role: 'technical' }))).toEqual(notFound);
    expect(outcome(await call('PATCH', `/customers/${ids.accountB}/contacts/${ids.alice}`, tokens.alice, grant))).toEqual(notFound);
    expect(writesSoFar()).toBe(before);
  });

  it('isolation: DELETE /customers/{customerId}/contacts/{userId}', async () => {
    const before = writesSoFar();
    expect(outcome(await call('DELETE', `/customers/${ids.accountB}/contacts/${ids.bob}`, tokens.alice))).toEqual(notFound);
    expect(writesSoFar()).toBe(before);
  });

  it('isolation: POST /customers/{customerId}/invitations', async () => {
    const before = writesSoFar();
    expect(outcome(await call('POST', `/customers/${ids.accountB}/invitations`, tokens.alice, { email: 'spy@example.com', role: 'owner' }))).toEqual(notFound);
    expect(writesSoFar()).toBe(before);
  });

  it('isolation: GET /customers/{customerId}/invitations', async () => {
    expect(outcome(await call('GET', `/customers/${ids.accountB}/invitations`, tokens.alice))).toEqual(notFound);
  });

  it('isolation: DELETE /customers/{customerId}/invitations/{invitationId}', async () => {
    const before = writesSoFar();
    expect(outcome(await call('DELETE', `/customers/${ids.accountB}/invitations/${foreignInvitation}`, tokens.alice))).toEqual(notFound);
    // Through her own account's path: the invitation is not in it.
    expect(outcome(await call('DELETE', `/customers/${ids.accountA}/invitations/${foreignInvitation}`, tokens.alice))).toEqual(notFound);
    expect(writesSoFar()).toBe(before);
    expect((await call('GET', `/customers/${ids.accountB}/invitations`, tokens.bob)).body?.items).toEqual([expect.objectContaining({ invitationId: foreignInvitation, status: 'pending' })]);
  });

  it('a contact leaves an account themself', async () => {
    expect((await call('DELETE', `/customers/${ids.accountA}/contacts/${ids.bob}`, tokens.bob)).status).toBe(204);
    expect(outcome(await call('GET', `/customers/${ids.accountA}/contacts`, tokens.bob))).toEqual(notFound);
    expect(((await call('GET', '/me/customers', tokens.bob)).body?.items as unknown[]).length).toBe(1);
  });
});
