import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postToPresigned, refuseScans, startTestTwin, type TestTwin } from '../../../infra/local/testing/api.js';

// A customer's activity feed against the local twin: changes to its invitations, notes and KYC
// documents (and the requests behind them) are filed under the customer, found by one index query.

let t: TestTwin;
let commands: string[] = [];
const tokens: Record<string, string> = {};

type Entry = { kind: string; action: string; target?: { type: string; id: string }; details?: { object?: { type: string; id: string }; route?: string }; actor: { kind: string; role?: string } };

const call = (method: string, path: string, token: string, body?: unknown) => t.call(method, path, token, body);

beforeAll(async () => {
  t = await startTestTwin('activity');
  commands = await refuseScans();
  for (const email of ['admin@cloudmanager.example', 'agent@cloudmanager.example']) tokens[email.split('@')[0]!] = await t.signIn(email);
}, 180_000);

afterAll(async () => {
  await t?.stop();
});

const pdf = new TextEncoder().encode('%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n');

/** The activity feed once it holds every wanted record (the stream appends change records shortly after the write). */
async function activityUntil(customerId: string, done: (items: Entry[]) => boolean): Promise<Entry[]> {
  let items: Entry[] = [];
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const reply = await call('GET', `/customers/${customerId}/activity?limit=100`, tokens.agent!);
    expect(reply.status).toBe(200);
    items = reply.body!.items as Entry[];
    if (done(items)) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  return items;
}

describe('customer activity', () => {
  it('finds changes and requests about the customer and its invitations, notes and KYC documents; the chain still verifies', async () => {
    const created = await call('POST', '/customers', tokens.admin!, { type: 'individual', name: 'Nadia Activity', currency: 'DZD' });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const customerId = created.body!.customerId as string;
    const other = await call('POST', '/customers', tokens.admin!, { type: 'individual', name: 'Other Person', currency: 'DZD' });

    const invited = await call('POST', `/customers/${customerId}/invitations`, tokens.admin!, { email: 'nadia.billing@example.com', role: 'billing' });
    expect(invited.status, JSON.stringify(invited.body)).toBe(201);
    const note = await call('POST', `/customers/${customerId}/notes`, tokens.agent!, { type: 'call', body: 'Called about the KYC' });
    expect(note.status, JSON.stringify(note.body)).toBe(201);
    await call('POST', `/customers/${other.body!.customerId}/notes`, tokens.agent!, { body: 'Not about Nadia' });
    const started = await call('POST', `/customers/${customerId}/kyc/documents`, tokens.admin!, { docType: 'identity', fileName: 'id.pdf', contentType: 'application/pdf', size: pdf.length });
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    await postToPresigned(started.body!.upload, pdf, 'application/pdf');
    const documentId = started.body!.document.documentId as string;
    expect((await call('POST', `/customers/${customerId}/kyc/documents/${documentId}/complete`, tokens.admin!)).status).toBe(200);

    const invitationId = invited.body!.invitationId as string;
    const noteId = note.body!.noteId as string;
    const objects = (items: Entry[]) => items.filter((i) => i.kind === 'change').map((i) => `${i.details?.object?.type ?? i.target?.type}#${i.details?.object?.id ?? i.target?.id}`);
    const wanted = [`customer#${customerId}`, `contactInvitation#${invitationId}`, `customerNote#${noteId}`, `kycDocument#${documentId}`];
    const items = await activityUntil(customerId, (found) => wanted.every((w) => objects(found).includes(w)));

    expect(new Set(objects(items))).toEqual(new Set(wanted));
    expect(items.every((i) => i.target?.type === 'customer' && i.target.id === customerId)).toBe(true);
    // POST /customers has no customer in its path: its change record (same request id and action) is the one filed here.
    const requests = items.filter((i) => i.kind === 'request').map((i) => i.action);
    expect(requests).toEqual(expect.arrayContaining(['inviteCustomerContact', 'createCustomerNote', 'startKycUpload', 'completeKycUpload']));
    expect(items.find((i) => i.action === 'completeKycUpload' && i.kind === 'request')?.details?.object).toEqual({ type: 'document', id: documentId });
    expect(items.find((i) => i.details?.object?.type === 'customerNote')?.actor).toMatchObject({ kind: 'user', role: 'agent' });
    expect(commands.some((c) => /^Scan/.test(c))).toBe(false);

    const { verifyChain } = await import('../../../shared/audit/verify.js');
    expect(await verifyChain()).toMatchObject({ ok: true, problems: [] });
  });
});
