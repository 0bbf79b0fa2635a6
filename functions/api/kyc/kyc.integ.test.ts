import { HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOwnedAccount, postToPresigned, startTestTwin, subOf, type TestTwin } from '../../../infra/local/testing/api.js';
import type { Twin } from '../../../infra/local/twin.js';

// KYC against the local twin: presigned POST to s3rver, inspection and quarantine, review,
// customer isolation, and the expiry sweep reading only due documents.

let test: TestTwin;
let twin: Twin;
const token: Record<'alice' | 'bob' | 'manager' | 'agent', string> = { alice: '', bob: '', manager: '', agent: '' };
const userId: Record<string, string> = {};
const corp = 'kyc-test-corporate';
const indiv = 'kyc-test-individual';

const pdf = new TextEncoder().encode('%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n');
const exe = new Uint8Array([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00]);

const call = (method: string, path: string, who: keyof typeof token, body?: unknown) => test.call(method, path, token[who], body);

async function upload(who: keyof typeof token, customerId: string, docType: string, bytes: Uint8Array<ArrayBuffer>, fileName = 'scan.pdf', contentType = 'application/pdf') {
  const started = await call('POST', `/customers/${customerId}/kyc/documents`, who, { docType, fileName, contentType, size: bytes.length });
  expect(started.status, JSON.stringify(started.body)).toBe(201);
  await postToPresigned(started.body!.upload, bytes, contentType);
  const done = await call('POST', `/customers/${customerId}/kyc/documents/${started.body!.document.documentId}/complete`, who);
  return { documentId: started.body!.document.documentId as string, key: `kyc/${customerId}/${started.body!.document.documentId}`, done };
}

const kycWrites = () => test.writesOf('kycDocument');
const sentMail = (to: string) => test.sentMail(to);

beforeAll(async () => {
  test = await startTestTwin('kyc');
  twin = test.twin;
  token.alice = await test.signIn('customer@cloudmanager.example');
  token.bob = await test.signIn('customer2@cloudmanager.example');
  token.manager = await test.signIn('manager@cloudmanager.example');
  token.agent = await test.signIn('agent@cloudmanager.example');
  userId.alice = subOf(token.alice);
  userId.bob = subOf(token.bob);
  // Accounts written straight through the entities (the customers domain has its own tests).
  await createOwnedAccount({ customerId: corp, type: 'corporate', name: 'Alice Trading SARL', currency: 'DZD' }, { userId: userId.alice, name: 'Chloé', email: 'customer@cloudmanager.example' });
  await createOwnedAccount({ customerId: indiv, type: 'individual', name: 'Bob Person', currency: 'DZD' }, { userId: userId.bob, name: 'Karim', email: 'customer2@cloudmanager.example' });
}, 180_000);

afterAll(async () => {
  await test?.stop();
});

describe('KYC uploads', () => {
  it('uploads through a presigned POST, then the checked document enters the review queue oldest first', async () => {
    const first = await upload('alice', corp, 'identity', pdf, 'passport.pdf');
    expect(first.done).toMatchObject({ status: 200, body: { status: 'pending_review', contentType: 'application/pdf', size: pdf.length, fileName: 'passport.pdf' } });

    const second = await upload('alice', corp, 'identity', pdf, 'passport-again.pdf');
    expect(second.done.body?.status).toBe('pending_review');

    const kyc = await call('GET', `/customers/${corp}/kyc`, 'alice');
    const byId = new Map((kyc.body!.documents as { documentId: string; status: string }[]).map((d) => [d.documentId, d.status]));
    expect(byId.get(first.documentId)).toBe('superseded');
    expect(byId.get(second.documentId)).toBe('pending_review');
    expect(kyc.body!.summary).toMatchObject({ required: ['identity', 'business_registration'], pending: ['identity'], complete: false });

    const queue = await call('GET', '/kyc/review-queue', 'manager');
    expect(queue.body!.items).toContainEqual(expect.objectContaining({ documentId: second.documentId, customerName: 'Alice Trading SARL' }));
    expect(queue.body!.items.map((i: { documentId: string }) => i.documentId)).not.toContain(first.documentId);
  });

  it('quarantines an executable named .pdf and answers 415', async () => {
    const bad = await upload('alice', corp, 'business_registration', exe, 'registration.pdf');
    expect({ status: bad.done.status, code: bad.done.body?.error?.code }).toEqual({ status: 415, code: 'file_type_not_allowed' });

    const kyc = await call('GET', `/customers/${corp}/kyc`, 'alice');
    expect(kyc.body!.documents).toContainEqual(expect.objectContaining({ documentId: bad.documentId, status: 'quarantined' }));
    const s3 = new S3Client({ endpoint: twin.state.endpoints.s3, region: twin.state.region, forcePathStyle: true });
    await expect(s3.send(new HeadObjectCommand({ Bucket: twin.state.buckets.kyc, Key: `quarantine/${bad.key}` }))).resolves.toBeDefined();
    await expect(s3.send(new HeadObjectCommand({ Bucket: twin.state.buckets.kyc, Key: bad.key }))).rejects.toMatchObject({ name: 'NotFound' });
    const download = await call('GET', `/customers/${corp}/kyc/documents/${bad.documentId}/download`, 'manager');
    expect({ status: download.status, code: download.body?.error?.code }).toEqual({ status: 409, code: 'document_unavailable' });
  });

  it('refuses oversize, wrong types, past expiry dates and a missing upload, writing nothing', async () => {
    const before = kycWrites();
    const base = { docType: 'identity', fileName: 'id.pdf', contentType: 'application/pdf', size: 1000 };
    const cases = [
      { body: { ...base, size: 20 * 1024 * 1024 + 1 }, status: 413, code: 'file_too_large' },
      { body: { ...base, contentType: 'application/x-msdownload' }, status: 415, code: 'file_type_not_allowed' },
      { body: { ...base, fileName: 'id.exe' }, status: 415, code: 'file_type_not_allowed' },
      { body: { ...base, expiresOn: '2000-01-01' }, status: 400, code: 'validation_failed' },
      { body: { ...base, docType: 'selfie' }, status: 400, code: 'validation_failed' },
    ];
    for (const c of cases) {
      const res = await call('POST', `/customers/${corp}/kyc/documents`, 'alice', c.body);
      expect({ status: res.status, code: res.body?.error?.code }, JSON.stringify(c.body)).toEqual({ status: c.status, code: c.code });
    }
    const started = await call('POST', `/customers/${corp}/kyc/documents`, 'alice', base);
    const writesAfterStart = kycWrites();
    const missing = await call('POST', `/customers/${corp}/kyc/documents/${started.body!.document.documentId}/complete`, 'alice');
    expect({ status: missing.status, code: missing.body?.error?.code }).toEqual({ status: 409, code: 'upload_missing' });
    await new Promise((r) => setTimeout(r, 200));
    expect(writesAfterStart).toBe(before + 1);
    expect(kycWrites()).toBe(writesAfterStart);
  });
});

describe('KYC review', () => {
  it('lets a kyc:verify holder approve and reject; the customer sees the outcome and reason but no internal note', async () => {
    const id = await upload('alice', corp, 'identity', pdf, 'id-card.pdf');
    const reg = await upload('alice', corp, 'business_registration', pdf, 'rc.pdf');

    const byCustomer = await call('POST', `/customers/${corp}/kyc/documents/${id.documentId}/approve`, 'alice', { version: 2 });
    expect(byCustomer.status).toBe(403);

    const link = await call('GET', `/customers/${corp}/kyc/documents/${id.documentId}/download`, 'manager');
    expect(link.status).toBe(200);
    const file = await fetch(link.body!.url);
    expect(file.headers.get('content-disposition')).toMatch(/^attachment; filename="id-card.pdf"/);
    expect(new Uint8Array(await file.arrayBuffer())).toEqual(pdf);

    const approved = await call('POST', `/customers/${corp}/kyc/documents/${id.documentId}/approve`, 'agent', { version: 2, internalNote: 'matches the register' });
    expect(approved.body).toMatchObject({ status: 'approved', internalNote: 'matches the register' });
    const rejected = await call('POST', `/customers/${corp}/kyc/documents/${reg.documentId}/reject`, 'agent', {
      version: 2,
      reason: 'The scan is cut off at the bottom',
      internalNote: 'looks tampered with',
    });
    expect(rejected.body).toMatchObject({ status: 'rejected', reason: 'The scan is cut off at the bottom' });

    const again = await call('POST', `/customers/${corp}/kyc/documents/${reg.documentId}/approve`, 'manager', { version: 3 });
    expect({ status: again.status, code: again.body?.error?.code }).toEqual({ status: 409, code: 'invalid_status_transition' });
    const stale = await call('POST', `/customers/${corp}/kyc/documents/${id.documentId}/reject`, 'manager', { version: 2, reason: 'x' });
    expect(stale.body?.error?.code).toBe('invalid_status_transition');

    const seen = await call('GET', `/customers/${corp}/kyc`, 'alice');
    const mine = (seen.body!.documents as Record<string, unknown>[]).filter((d) => [id.documentId, reg.documentId].includes(d.documentId as string));
    expect(mine).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ documentId: id.documentId, status: 'approved' }),
        expect.objectContaining({ documentId: reg.documentId, status: 'rejected', reason: 'The scan is cut off at the bottom' }),
      ]),
    );
    for (const d of mine) {
      expect(d).not.toHaveProperty('internalNote');
      expect(d).not.toHaveProperty('reviewedBy');
    }
    expect(seen.body!.summary).toMatchObject({ missing: ['business_registration'], rejected: ['business_registration'], complete: false });
    const staffView = await call('GET', `/customers/${corp}/kyc`, 'agent');
    expect(staffView.body!.documents).toContainEqual(expect.objectContaining({ documentId: reg.documentId, internalNote: 'looks tampered with' }));

    const mail = await sentMail('customer@cloudmanager.example');
    expect(mail.some((m) => m.body.text?.includes('The scan is cut off at the bottom'))).toBe(true);
    expect(mail.some((m) => m.body.text?.includes('tampered'))).toBe(false);

    const reupload = await upload('alice', corp, 'business_registration', pdf, 'rc-full.pdf');
    await call('POST', `/customers/${corp}/kyc/documents/${reupload.documentId}/approve`, 'manager', { version: 2 });
    expect((await call('GET', `/customers/${corp}/kyc`, 'alice')).body!.summary).toMatchObject({ missing: [], complete: true });
  });

  it('keeps the requirements behind settings permissions with optimistic versions', async () => {
    const read = await call('GET', '/settings/kyc', 'agent');
    expect(read.body).toMatchObject({ individual: ['identity', 'proof_of_address'], corporate: ['identity', 'business_registration'], version: 1 });
    expect((await call('GET', '/settings/kyc', 'alice')).status).toBe(403);
    expect((await call('PUT', '/settings/kyc', 'manager', { individual: [], corporate: [], version: 1 })).status).toBe(403);
  });
});

describe('KYC isolation between customers', () => {
  it('isolation: GET /customers/{customerId}/kyc — another account answers 404', async () => {
    const res = await call('GET', `/customers/${corp}/kyc`, 'bob');
    expect({ status: res.status, code: res.body?.error?.code }).toEqual({ status: 404, code: 'not_found' });
    expect((await call('GET', `/customers/${indiv}/kyc`, 'bob')).status).toBe(200);
  });

  it('isolation: POST /customers/{customerId}/kyc/documents — no upload into another account', async () => {
    const before = kycWrites();
    const res = await call('POST', `/customers/${corp}/kyc/documents`, 'bob', { docType: 'identity', fileName: 'id.pdf', contentType: 'application/pdf', size: 10 });
    expect({ status: res.status, code: res.body?.error?.code }).toEqual({ status: 404, code: 'not_found' });
    expect(kycWrites()).toBe(before);
  });

  it("isolation: POST /customers/{customerId}/kyc/documents/{documentId}/complete — another account's document is not found", async () => {
    const started = await call('POST', `/customers/${corp}/kyc/documents`, 'alice', { docType: 'other', fileName: 'x.png', contentType: 'image/png', size: 10 });
    const documentId = started.body!.document.documentId as string;
    const foreign = await call('POST', `/customers/${corp}/kyc/documents/${documentId}/complete`, 'bob');
    expect({ status: foreign.status, code: foreign.body?.error?.code }).toEqual({ status: 404, code: 'not_found' });
    const crossed = await call('POST', `/customers/${indiv}/kyc/documents/${documentId}/complete`, 'bob');
    expect({ status: crossed.status, code: crossed.body?.error?.code }).toEqual({ status: 404, code: 'not_found' });
  });
});

describe('KYC expiry schedule', () => {
  it('reads only the 5 due documents out of 1,000, reminds, expires and flags, and never sends twice', async () => {
    const { KycDocument } = await import('../../../shared/db/entities/kyc-document.js');
    const { Customer } = await import('../../../shared/db/entities/customer.js');
    const { documentClient } = await import('../../../shared/db/client.js');
    const { initialDue } = await import('../../../shared/kyc/due.js');
    const { handler } = await import('../../schedules/kyc-expiry.js');
    const { lambdaContext } = await import('../../../events/lambda-context.js');

    const now = new Date();
    const inDays = (n: number) => new Date(now.getTime() + n * 86_400_000).toISOString().slice(0, 10);
    const doc = (customerId: string, n: number, expiresOn: string, docType: 'identity' | 'proof_of_address' = 'identity') => ({
      customerId,
      documentId: `exp-${String(n).padStart(4, '0')}`,
      docType,
      status: 'approved' as const,
      fileName: 'doc.pdf',
      contentType: 'application/pdf',
      size: 10,
      key: `kyc/${customerId}/exp-${n}`,
      expiresOn,
      uploadedBy: customerId === indiv ? userId.bob! : 'user-gone',
      statusAt: now.toISOString(),
      queue: 'kyc',
      ...initialDue(expiresOn, `exp-${String(n).padStart(4, '0')}`),
    });
    const items = [
      doc(indiv, 1, inDays(-2)),
      doc(indiv, 2, inDays(400), 'proof_of_address'),
      doc(indiv, 3, inDays(3), 'proof_of_address'),
      doc('kyc-filler', 4, inDays(20)),
      doc('kyc-filler', 5, inDays(-30)),
      doc('kyc-filler', 6, inDays(5)),
    ];
    for (let n = 7; items.length < 1000; n++) items.push(doc('kyc-filler', n, inDays(60 + (n % 300))));
    await KycDocument.put(items).go();

    let dueRead = 0;
    let scans = 0;
    documentClient.middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName === 'ScanCommand') scans += 1;
        const out = await next(args);
        const input = args.input as { IndexName?: string };
        if (context.commandName === 'QueryCommand' && input.IndexName === 'due') dueRead += (out.output as { ScannedCount?: number }).ScannedCount ?? 0;
        return out;
      },
      { step: 'initialize', name: 'kycCountReads' },
    );
    try {
      const run = (executionId: string) =>
        handler({ schedule: 'kyc-expiry', scheduledTime: now.toISOString(), executionId }, lambdaContext('kyc-expiry'));
      const first = await run('first');
      expect(first).toEqual({ status: 'succeeded', detail: { reminded30: 1, reminded7: 2, expired: 2, flagged: 1, skipped: 0 } });
      expect(dueRead).toBe(5);

      // A second run at the same time is skipped by the run claim; a later one finds nothing due yet.
      expect(await run('first')).toEqual({ status: 'skipped', reason: 'already_ran' });
      const later = await handler({ schedule: 'kyc-expiry', scheduledTime: new Date(now.getTime() + 60_000).toISOString(), executionId: 'later' }, lambdaContext('kyc-expiry'));
      expect(later).toMatchObject({ status: 'succeeded', detail: { reminded30: 0, reminded7: 0, expired: 0 } });
      expect(scans).toBe(0);
    } finally {
      documentClient.middlewareStack.remove('kycCountReads');
    }

    const { data: bob } = await Customer.get({ customerId: indiv }).go();
    expect(bob?.kycFlag).toBe('expired');
    const { data: expired } = await KycDocument.get({ customerId: indiv, documentId: 'exp-0001' }).go();
    expect(expired).toMatchObject({ status: 'expired' });
    expect(expired?.duepk).toBeUndefined();
    const mail = await sentMail('customer2@cloudmanager.example');
    expect(mail.filter((m) => /has expired/.test(m.subject))).toHaveLength(1);
    expect(mail.filter((m) => /expires in 3 days/.test(m.subject))).toHaveLength(1);
  }, 120_000);
});
