import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refuseScans, startTestTwin, type Reply, type TestTwin } from '../../../infra/local/testing/api.js';

let test: TestTwin;
const tokens: Record<string, string> = {};
/** Every DynamoDB command the in-process handlers sent, by name (the guard refuses Scan). */
let commands: string[] = [];

const call = (method: string, path: string, token: string, body?: unknown) => test.call(method, path, token, body);

const admin = () => tokens.admin!;
const agent = () => tokens.agent!;
const alice = () => tokens.customer!;
const bob = () => tokens.customer2!;

/** Items of this slice's entities written so far, from the twin's change feed. */
const writesSoFar = () => test.writesOf('customer', 'customerSearchKey', 'registrationNumberLock', 'customerContact', 'customerGroup');

beforeAll(async () => {
  test = await startTestTwin('customers');
  // The handlers run in this process and share this client (imported after the twin set the env).
  commands = await refuseScans();
  for (const [key, email] of Object.entries({
    admin: 'admin@cloudmanager.example',
    agent: 'agent@cloudmanager.example',
    customer: 'customer@cloudmanager.example',
    customer2: 'customer2@cloudmanager.example',
  })) {
    tokens[key] = await test.signIn(email);
  }
}, 180_000);

afterAll(async () => {
  await test?.stop();
});

const atlas = {
  type: 'corporate',
  name: 'Atlas Équipements',
  companyName: 'Atlas Équipements SARL',
  legalForm: 'SARL',
  registrationNumbers: [
    { type: 'RC', value: '16/00-1234567 B 21' },
    { type: 'NIF', value: '0016 1234 5678 901' },
  ],
  addresses: [{ kind: 'registered', line1: '12 rue Didouche', city: 'Alger', country: 'DZ' }],
  email: 'Contact@Atlas-Equip.dz',
  phone: '+213 21 55 66 77',
  preferredLanguage: 'fr',
  currency: 'DZD',
};

const ids = (reply: Reply) => (reply.body?.items as { customerId: string }[]).map((c) => c.customerId);

describe('customers: create and index-served search (no Scan)', () => {
  let atlasId: string;
  let personId: string;

  it('staff create a corporate and an individual customer, both pending', async () => {
    const created = await call('POST', '/customers', admin(), atlas);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: 'pending', type: 'corporate', groupId: 'none', version: 1, name: atlas.name });
    atlasId = created.body!.customerId;
    const person = await call('POST', '/customers', admin(), { type: 'individual', name: 'Chloé Benali', email: 'chloe.b@example.dz', phone: '0555 12 34 56', currency: 'DZD' });
    expect(person.status).toBe(201);
    personId = person.body!.customerId;
  });

  it('finds them by every search path, every filter and sort, with no Scan sent', async () => {
    commands.length = 0;
    const expectations: [string, string[]][] = [
      ['/customers?q=atlas', [atlasId]],
      ['/customers?q=ATLAS%20equ&field=name', [atlasId]],
      ['/customers?q=atlas%20%C3%A9quipements%20s&field=company', [atlasId]],
      ['/customers?q=contact%40atlas', [atlasId]],
      ['/customers?q=%2B213%2021%2055', [atlasId]],
      ['/customers?q=2132155', [atlasId]],
      ['/customers?q=16001234567&field=regno', [atlasId]],
      ['/customers?q=rc%2016%2F00&field=regno', []],
      ['/customers?q=chlo', [personId]],
      ['/customers?q=0555%2012', [personId]],
      ['/customers?q=chlo&type=corporate', []],
      ['/customers?status=pending&type=individual', [personId]],
      ['/customers?groupId=none&type=corporate', [atlasId]],
      ['/customers?sort=name:asc', [atlasId, personId]],
      ['/customers?sort=createdAt:asc', [atlasId, personId]],
      ['/customers?sort=createdAt:desc', [personId, atlasId]],
      ['/customers?createdFrom=2000-01-01T00:00:00Z&createdTo=2000-12-31T00:00:00Z', []],
      ['/customers?createdFrom=2000-01-01T00:00:00Z', [personId, atlasId]],
    ];
    for (const [path, expected] of expectations) {
      const reply = await call('GET', path, agent());
      expect(reply.status, path).toBe(200);
      expect(ids(reply), path).toEqual(expected);
    }
    expect(commands).toContain('QueryCommand');
    expect(commands).toContain('BatchGetItemCommand');
    expect(commands.filter((c) => /Scan/.test(c))).toEqual([]);
  });

  it('pages with cursors', async () => {
    const first = await call('GET', '/customers?limit=1', agent());
    expect(ids(first)).toEqual([personId]);
    expect(first.body?.cursor).toEqual(expect.any(String));
    const second = await call('GET', `/customers?limit=1&cursor=${first.body!.cursor}`, agent());
    expect(ids(second)).toEqual([atlasId]);
    const bad = await call('GET', '/customers?cursor=nonsense', agent());
    expect(bad.body?.error?.code).toBe('invalid_cursor');
  });

  it('refuses a registration number another customer holds (other formatting), writing nothing', async () => {
    const before = writesSoFar();
    const dup = await call('POST', '/customers', admin(), { type: 'corporate', name: 'Copycat', registrationNumbers: [{ type: 'NIF', value: '001612345678901' }], currency: 'DZD' });
    expect({ status: dup.status, code: dup.body?.error?.code, details: dup.body?.error?.details }).toEqual({
      status: 409,
      code: 'duplicate_registration_number',
      details: { type: 'NIF', value: '001612345678901' },
    });
    const { data } = await (await import('../../../shared/db/entities/customer-search-key.js')).CustomerSearchKey.query.byTerm({ field: 'name' }).begins({ term: 'copycat' }).go();
    expect(data).toEqual([]);
    expect(writesSoFar()).toBe(before);
  });

  it('an update moves the search keys and registration locks in one go; a stale version is refused', async () => {
    const updated = await call('PUT', `/customers/${atlasId}`, agent(), {
      name: 'Atlas Industrie',
      registrationNumbers: [{ type: 'RC', value: '16/00-1234567 B 21' }],
      phone: '',
      version: 1,
    });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ name: 'Atlas Industrie', version: 2 });
    expect(updated.body?.phone).toBeUndefined();
    expect(ids(await call('GET', '/customers?q=atlas%20ind', agent()))).toEqual([atlasId]);
    expect(ids(await call('GET', '/customers?q=atlas%20equ&field=name', agent()))).toEqual([]);
    expect(ids(await call('GET', '/customers?q=2132155', agent()))).toEqual([]);
    // The released NIF is free again.
    const reuse = await call('POST', '/customers', admin(), { type: 'corporate', name: 'Heir', registrationNumbers: [{ type: 'NIF', value: '0016 1234 5678 901' }], currency: 'EUR' });
    expect(reuse.status).toBe(201);
    const stale = await call('PUT', `/customers/${atlasId}`, agent(), { name: 'Late', version: 1 });
    expect({ status: stale.status, code: stale.body?.error?.code }).toEqual({ status: 409, code: 'version_conflict' });
    // Taking another customer's number on update is refused, nothing written.
    const before = writesSoFar();
    const taken = await call('PUT', `/customers/${atlasId}`, agent(), { registrationNumbers: [{ type: 'NIF', value: '0016-1234-5678-901' }], version: 2 });
    expect({ status: taken.status, code: taken.body?.error?.code }).toEqual({ status: 409, code: 'duplicate_registration_number' });
    expect(writesSoFar()).toBe(before);
  });

  it('rejects bad input with field paths', async () => {
    const bad = await call('POST', '/customers', admin(), { type: 'corporate', name: '', phone: 'call me', currency: 'XXY', addresses: [{ kind: 'registered', line1: 'x', city: 'y', country: 'dz' }] });
    expect(bad.status).toBe(400);
    expect(bad.body?.error?.code).toBe('validation_failed');
    const paths = (bad.body?.error?.details as { path: string }[]).map((d) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['body.name', 'body.phone', 'body.currency', 'body.addresses.0.country']));
  });

  it('status: invalid transitions refused; activation needs KYC unless an admin overrides with a reason', async () => {
    const detail = await call('GET', `/customers/${personId}`, agent());
    expect(detail.body).toMatchObject({ status: 'pending', canActivate: false, kyc: { complete: false, missing: ['identity', 'proof_of_address'] } });

    const suspend = await call('POST', `/customers/${personId}/status`, agent(), { status: 'suspended', reason: 'test', version: 1 });
    expect({ status: suspend.status, code: suspend.body?.error?.code, details: suspend.body?.error?.details }).toEqual({
      status: 409,
      code: 'invalid_status_transition',
      details: { from: 'pending', to: 'suspended' },
    });

    const before = writesSoFar();
    const activate = await call('POST', `/customers/${personId}/status`, agent(), { status: 'active', reason: 'docs seen', version: 1 });
    expect({ status: activate.status, code: activate.body?.error?.code }).toEqual({ status: 409, code: 'kyc_incomplete' });
    expect(activate.body?.error?.details).toMatchObject({ missing: ['identity', 'proof_of_address'] });
    const agentOverride = await call('POST', `/customers/${personId}/status`, agent(), { status: 'active', reason: 'trust me', overrideKyc: true, version: 1 });
    expect(agentOverride.status).toBe(403);
    expect(writesSoFar()).toBe(before);

    const override = await call('POST', `/customers/${personId}/status`, admin(), { status: 'active', reason: 'Known customer, documents on paper', overrideKyc: true, version: 1 });
    expect(override.status).toBe(200);
    expect(override.body).toMatchObject({ status: 'active', statusReason: 'Known customer, documents on paper', version: 2, kycOverride: { reason: 'Known customer, documents on paper' } });

    const suspended = await call('POST', `/customers/${personId}/status`, agent(), { status: 'suspended', reason: 'unpaid', version: 2 });
    expect(suspended.body).toMatchObject({ status: 'suspended', statusReason: 'unpaid' });
    const customerTries = await call('POST', `/customers/${personId}/status`, alice(), { status: 'inactive', reason: 'x', version: 3 });
    expect(customerTries.status).toBe(403);
  });

  it('statistics come from the stream-kept counters', async () => {
    let stats: Reply | undefined;
    for (let attempt = 0; attempt < 50; attempt += 1) {
      stats = await call('GET', '/customers/stats', agent());
      if (stats.body?.byStatus?.suspended === 1 && stats.body?.total === 3) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(stats?.body).toMatchObject({
      byStatus: { pending: 2, suspended: 1 },
      byType: { corporate: 2, individual: 1 },
      byStatusAndType: { 'pending#corporate': 2, 'suspended#individual': 1 },
      total: 3,
    });
    expect(stats?.body?.byStatus.active ?? 0).toBe(0);
  });

  it('activity lists the audit records of the customer, newest first', async () => {
    let activity: Reply | undefined;
    for (let attempt = 0; attempt < 50; attempt += 1) {
      activity = await call('GET', `/customers/${personId}/activity`, agent());
      if ((activity.body?.items as unknown[] | undefined)?.length) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const actions = (activity?.body?.items as { action: string }[]).map((i) => i.action);
    expect(actions).toContain('changeCustomerStatus');
    expect((await call('GET', `/customers/${personId}/activity`, alice())).status).toBe(403);
  });
});

describe('customer groups', () => {
  it('admin creates, edits, cannot delete while in use, deletes when free', async () => {
    const created = await call('POST', '/customer-groups', admin(), { name: 'Resellers', discountBps: 1250, taxExempt: false });
    expect(created.status).toBe(201);
    const groupId = created.body!.groupId as string;
    const same = await call('POST', '/customer-groups', admin(), { name: 'resellers', discountBps: 0 });
    expect(same.body?.error?.code).toBe('group_name_taken');
    const tooBig = await call('POST', '/customer-groups', admin(), { name: 'Max', discountBps: 10_001 });
    expect(tooBig.body?.error?.details?.[0]?.path).toBe('body.discountBps');
    const edited = await call('PUT', `/customer-groups/${groupId}`, admin(), { name: 'Resellers', discountBps: 1500, taxExempt: true, version: 1 });
    expect(edited.body).toMatchObject({ discountBps: 1500, taxExempt: true, version: 2 });

    const member = await call('POST', '/customers', admin(), { type: 'individual', name: 'Grouped', currency: 'DZD', groupId });
    expect(member.body).toMatchObject({ groupId });
    const unknown = await call('POST', '/customers', admin(), { type: 'individual', name: 'Lost', currency: 'DZD', groupId: 'no-such-group' });
    expect(unknown.body?.error?.details?.[0]).toMatchObject({ path: 'body.groupId' });
    expect(ids(await call('GET', `/customers?groupId=${groupId}`, agent()))).toEqual([member.body!.customerId]);

    const inUse = await call('DELETE', `/customer-groups/${groupId}`, admin());
    expect({ status: inUse.status, code: inUse.body?.error?.code }).toEqual({ status: 409, code: 'group_in_use' });
    await call('PUT', `/customers/${member.body!.customerId}`, admin(), { groupId: 'none', version: 1 });
    expect((await call('DELETE', `/customer-groups/${groupId}`, admin())).status).toBe(204);
    expect((await call('GET', '/customer-groups', agent())).body?.items).toEqual([]);
    expect((await call('GET', '/customer-groups', alice())).status).toBe(403);
  });
});

describe('self-service accounts and isolation', () => {
  let aliceAccount: string;

  it('a customer opens an account and becomes its owner; staff may not use this route', async () => {
    const created = await call('POST', '/me/customers', alice(), { type: 'individual', name: 'Chloé Customer', currency: 'EUR', phone: '+33 6 12 34 56 78' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: 'pending', email: 'customer@cloudmanager.example' });
    aliceAccount = created.body!.customerId;
    const { CustomerContact } = await import('../../../shared/db/entities/customer-contact.js');
    const { data: contacts } = await CustomerContact.query.byCustomer({ customerId: aliceAccount }).go();
    expect(contacts).toEqual([expect.objectContaining({ role: 'owner', canSeeTickets: true, canSeeInvoices: true, canManageContacts: true, email: 'customer@cloudmanager.example' })]);
    const staff = await call('POST', '/me/customers', agent(), { type: 'individual', name: 'Agent', currency: 'EUR' });
    expect(staff.status).toBe(403);
    expect((await call('GET', '/customers', alice())).status).toBe(403);
  });

  it('the owner reads and edits its profile, but never its group or status', async () => {
    const mine = await call('GET', `/customers/${aliceAccount}`, alice());
    expect(mine.body).toMatchObject({ customerId: aliceAccount, canActivate: false });
    const edited = await call('PUT', `/customers/${aliceAccount}`, alice(), { addresses: [{ kind: 'billing', line1: '1 rue de Paris', city: 'Lyon', country: 'FR' }], version: 1 });
    expect(edited.status).toBe(200);
    const group = await call('PUT', `/customers/${aliceAccount}`, alice(), { groupId: 'vip', version: 2 });
    expect(group.status).toBe(403);
  });

  it('isolation: GET /customers/{customerId} — another customer gets 404', async () => {
    const foreign = await call('GET', `/customers/${aliceAccount}`, bob());
    expect({ status: foreign.status, code: foreign.body?.error?.code }).toEqual({ status: 404, code: 'not_found' });
  });

  it('isolation: PUT /customers/{customerId} — another customer gets 404 and nothing changes', async () => {
    const before = writesSoFar();
    const foreign = await call('PUT', `/customers/${aliceAccount}`, bob(), { name: 'Hijacked', version: 2 });
    expect({ status: foreign.status, code: foreign.body?.error?.code }).toEqual({ status: 404, code: 'not_found' });
    expect(writesSoFar()).toBe(before);
    expect((await call('GET', `/customers/${aliceAccount}`, alice())).body?.name).toBe('Chloé Customer');
  });
});

describe('search by any word of the name or company', () => {
  it('finds "Chloé Dupont" by "dupont", each customer once on any page, with no Scan sent', async () => {
    const chloe = await call('POST', '/customers', admin(), { type: 'individual', name: 'Chloé Dupont', currency: 'EUR' });
    const firm = await call('POST', '/customers', admin(), { type: 'corporate', name: 'Dupont Dupond Réparations', companyName: 'Les Frères Dupont', currency: 'EUR' });
    const other = await call('POST', '/customers', admin(), { type: 'individual', name: 'Ann Martin', companyName: 'Dupuis Conseil', currency: 'EUR' });
    expect([chloe.status, firm.status, other.status]).toEqual([201, 201, 201]);
    const [chloeId, firmId, otherId] = [chloe.body!.customerId, firm.body!.customerId, other.body!.customerId];
    commands.length = 0;

    const sorted = (list: string[]) => [...list].sort();
    expect(sorted(ids(await call('GET', '/customers?q=dupont', agent())))).toEqual(sorted([chloeId, firmId]));
    expect(sorted(ids(await call('GET', '/customers?q=DUP', agent())))).toEqual(sorted([chloeId, firmId, otherId]));
    expect(ids(await call('GET', '/customers?q=reparation&field=name', agent()))).toEqual([firmId]);
    expect(ids(await call('GET', '/customers?q=freres&field=company', agent()))).toEqual([firmId]);
    expect(ids(await call('GET', '/customers?q=conseil&field=name', agent()))).toEqual([]);
    // Prefix search of the whole name still works, also across words.
    expect(ids(await call('GET', '/customers?q=chloe%20du', agent()))).toEqual([chloeId]);
    expect(ids(await call('GET', '/customers?q=dupont%20ch', agent()))).toEqual([]);

    // One customer per page: the firm matches "dup" by name, by three words and by company, yet is listed once.
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 20; page += 1) {
      const reply = await call('GET', `/customers?q=dup&limit=1${cursor ? `&cursor=${cursor}` : ''}`, agent());
      seen.push(...ids(reply));
      cursor = reply.body?.cursor ?? undefined;
      if (!cursor) break;
    }
    expect(sorted(seen)).toEqual(sorted([chloeId, firmId, otherId]));
    expect(commands.filter((c) => /Scan/.test(c))).toEqual([]);

    // Renaming rewrites the word keys in the same transaction: the old words no longer find it.
    const renamed = await call('PUT', `/customers/${chloeId}`, admin(), { name: 'Chloé Martin', version: 1 });
    expect(renamed.status).toBe(200);
    expect(ids(await call('GET', '/customers?q=dupont', agent()))).toEqual([firmId]);
    expect(sorted(ids(await call('GET', '/customers?q=martin', agent())))).toEqual(sorted([chloeId, otherId]));
  });
});
