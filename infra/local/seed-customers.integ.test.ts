import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTwin, type Twin } from './twin.js';

// The demo customers of `npm start` (twin option demoData): what the must-show of issue 4 needs,
// written once however often the twin starts, and an expiry sweep that has work to do.

let twin: Twin;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cm-seed-customers-'));
  twin = await startTwin({ dir, ports: { api: 0, dynamodb: 0, s3: 0, cognito: 0, ses: 0, smtp: 0 }, scheduler: false, ttlIntervalMs: 0, demoData: true });
}, 180_000);

afterAll(async () => {
  await twin?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('demo customers', () => {
  it('creates the groups, customer@ accounts, customer2@ account and ten others', async () => {
    const { readCustomer } = await import('../../shared/customers/service.js');
    const { listGroups } = await import('../../shared/customers/groups.js');
    const { customerDocuments } = await import('../../shared/kyc/summary.js');
    const { CustomerContact } = await import('../../shared/db/entities/customer-contact.js');
    const { findUserByEmail } = await import('../../shared/users/service.js');
    const seeded = twin.customers!;
    expect(seeded).toMatchObject({ created: 13, total: 13 });

    expect((await listGroups()).map((g) => [g.name, g.discountBps, g.taxExempt])).toEqual([
      ['Partner', 1000, false],
      ['Public sector', 0, true],
      ['Standard', 0, false],
    ]);

    const atlas = await readCustomer(seeded.atlasId);
    expect(atlas).toMatchObject({ name: 'Atlas Services SARL', type: 'corporate', status: 'pending', currency: 'DZD', preferredLanguage: 'fr' });
    expect((atlas.registrationNumbers ?? []).map((n) => n.type)).toEqual(['RC', 'NIF']);
    expect(await customerDocuments(seeded.atlasId)).toEqual([]);

    const chloe = await findUserByEmail('customer@cloudmanager.example');
    const { data: accounts } = await CustomerContact.query.byUser({ userId: chloe!.userId }).go();
    expect(accounts.map((c) => [c.customerId, c.role]).sort()).toEqual([[seeded.atlasId, 'owner'], [seeded.personalId, 'owner']].sort());

    const personal = await readCustomer(seeded.personalId);
    expect(personal).toMatchObject({ type: 'individual', status: 'active' });
    const docs = await customerDocuments(seeded.personalId);
    expect(docs.map((d) => [d.docType, d.status]).sort()).toEqual([
      ['identity', 'approved'],
      ['proof_of_address', 'approved'],
      ['tax_certificate', 'approved'],
    ]);
    // Real PDFs in the KYC bucket.
    const { s3 } = await import('../../shared/aws/s3.js');
    const object = await (await s3()).client.send(new GetObjectCommand({ Bucket: twin.state.buckets.kyc, Key: docs[0]!.key }));
    expect(Buffer.from(await object.Body!.transformToByteArray()).subarray(0, 5).toString()).toBe('%PDF-');

    const karim = await readCustomer(seeded.karimId);
    expect(karim).toMatchObject({ name: 'Karim Benali', status: 'pending', type: 'individual' });
  });

  it('creates nothing the second time', async () => {
    const { seedCustomers } = await import('./seed-customers.js');
    const again = await seedCustomers();
    expect(again).toMatchObject({ created: 0, atlasId: twin.customers!.atlasId, personalId: twin.customers!.personalId });
  });

  it('gives the expiry sweep a 30-day reminder, a 7-day reminder and an expiry, once', async () => {
    const { sweepKycExpiry } = await import('../../shared/kyc/expiry.js');
    const { readCustomer } = await import('../../shared/customers/service.js');
    expect(await sweepKycExpiry(new Date())).toEqual({ reminded30: 1, reminded7: 1, expired: 1, flagged: 1, skipped: 0 });
    expect((await readCustomer(twin.customers!.personalId)).kycFlag).toBe('expired');
    const store = (await (await fetch(`${twin.state.endpoints.ses}/store`)).json()) as { emails: { subject: string; destination: { to: string[] } }[] };
    // The customer also has the receipts of the three demo tickets; the KYC mails are the others.
    const kycMails = store.emails.filter((m) => m.destination.to.some((t) => t.includes('customer@cloudmanager.example')) && !/\[#\d{6}\]/.test(m.subject));
    expect(kycMails.length).toBe(3);
    expect(await sweepKycExpiry(new Date())).toEqual({ reminded30: 0, reminded7: 0, expired: 0, flagged: 0, skipped: 0 });
  });
});

describe('demo helpdesk', () => {
  it('puts agent@ and manager@ in the Support group and opens three Atlas tickets, auto-assigned to them, once', async () => {
    const { Ticket } = await import('../../shared/db/entities/ticket.js');
    const { findUserByEmail } = await import('../../shared/users/service.js');
    const { seedHelpdesk } = await import('./seed-helpdesk.js');
    const staff = await Promise.all(['agent@cloudmanager.example', 'manager@cloudmanager.example'].map(async (e) => (await findUserByEmail(e))!.userId));
    expect(twin.helpdesk).toEqual({ tickets: 3, cannedReplies: 3, tags: 3 });

    const { data } = await Ticket.query.byCustomer({ customerId: twin.customers!.atlasId }).go();
    expect(data).toHaveLength(3);
    for (const ticket of data) expect(staff).toContain(ticket.assigneeId);
    expect(data.find((t) => t.subject.startsWith('Laptop'))?.qcRequired).toBe(true);

    expect(await seedHelpdesk(twin.customers!.atlasId)).toEqual({ tickets: 0, cannedReplies: 0, tags: 0 });
  });

  it('defines three canned replies with variables and three coloured tags, once', async () => {
    const { listCannedReplies } = await import('../../shared/tickets/canned.js');
    const { listTags } = await import('../../shared/tickets/tags.js');
    const { seedHelpdesk } = await import('./seed-helpdesk.js');
    const check = async () => {
      const { items: replies } = await listCannedReplies({ limit: 100 });
      expect(replies.map((r) => r.title)).toEqual(['Greeting', 'Need more details', 'Resolved']);
      expect(replies.find((r) => r.title === 'Greeting')?.variables).toEqual(expect.arrayContaining(['contact_name', 'company_name', 'ticket_number']));
      expect((await listTags()).map((t) => [t.name, t.colour, t.usageCount])).toEqual([
        ['billing', '#d62728', 0],
        ['hardware', '#1f77b4', 0],
        ['network', '#2ca02c', 0],
      ]);
    };
    await check();
    expect(await seedHelpdesk(twin.customers!.atlasId)).toMatchObject({ cannedReplies: 0, tags: 0 });
    await check();
  });
});
