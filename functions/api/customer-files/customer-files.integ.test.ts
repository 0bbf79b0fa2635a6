import { HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOwnedAccount, outcome, postToPresigned, startTestTwin, subOf, type TestTwin } from '../../../infra/local/testing/api.js';
import type { Twin } from '../../../infra/local/twin.js';

// Internal notes and customer documents against the local twin: notes are staff-only, documents
// go browser → s3rver by presigned POST and are checked on completion; customers see only their
// own account's shared documents.

let test: TestTwin;
let twin: Twin;
type Who = 'alice' | 'bob' | 'agent' | 'manager';
const token: Record<Who, string> = { alice: '', bob: '', agent: '', manager: '' };
const userId: Record<string, string> = {};
/** Alice (customer@) is the owner of `corp`; Bob (customer2@) of `other`. */
const corp = 'files-test-corporate';
const other = 'files-test-other';

const pdf = new TextEncoder().encode('%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n');
const exe = new Uint8Array([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00]);

const call = (method: string, path: string, who: Who, body?: unknown) => test.call(method, path, token[who], body);
const notFound = { status: 404, code: 'not_found' };

async function upload(bytes: Uint8Array, declared: { fileName?: string; sharedWithCustomer?: boolean; title?: string } = {}) {
  const started = await call('POST', `/customers/${corp}/documents`, 'agent', {
    category: 'contract',
    title: declared.title ?? 'Service contract',
    fileName: declared.fileName ?? 'contract.pdf',
    contentType: 'application/pdf',
    size: bytes.length,
    sharedWithCustomer: declared.sharedWithCustomer ?? true,
  });
  expect(started.status, JSON.stringify(started.body)).toBe(201);
  const documentId = started.body!.document.documentId as string;
  await postToPresigned(started.body!.upload, bytes, 'application/pdf');
  const done = await call('POST', `/customers/${corp}/documents/${documentId}/complete`, 'agent');
  return { documentId, key: `customers/${corp}/documents/${documentId}`, done };
}

const writesOf = (entity: string) => test.writesOf(entity);

beforeAll(async () => {
  test = await startTestTwin('files');
  twin = test.twin;
  token.alice = await test.signIn('customer@cloudmanager.example');
  token.bob = await test.signIn('customer2@cloudmanager.example');
  token.manager = await test.signIn('manager@cloudmanager.example');
  token.agent = await test.signIn('agent@cloudmanager.example');
  for (const who of Object.keys(token) as Who[]) userId[who] = subOf(token[who]);
  // Accounts written straight through the entities (the customers domain has its own tests).
  await createOwnedAccount({ customerId: corp, type: 'corporate', name: 'Alice Trading SARL', currency: 'DZD' }, { userId: userId.alice!, name: 'Chloé', email: 'customer@cloudmanager.example' });
  await createOwnedAccount({ customerId: other, type: 'individual', name: 'Bob Person', currency: 'DZD' }, { userId: userId.bob!, name: 'Karim', email: 'customer2@cloudmanager.example' });
}, 180_000);

afterAll(async () => {
  await test?.stop();
});

describe('internal notes', () => {
  it('an agent adds, lists (pinned first), edits and soft-deletes notes; managers still see deleted ones', async () => {
    const first = await call('POST', `/customers/${corp}/notes`, 'agent', { type: 'call', body: 'Called about the renewal.' });
    const pinned = await call('POST', `/customers/${corp}/notes`, 'agent', { type: 'billing', body: 'Pays by transfer only.', pinned: true });
    const last = await call('POST', `/customers/${corp}/notes`, 'agent', { type: 'meeting', body: 'Met on site.' });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ type: 'call', pinned: false, authorId: userId.agent, version: 1, canEdit: true });

    const list = await call('GET', `/customers/${corp}/notes`, 'agent');
    expect(list.body!.items.map((n: { noteId: string }) => n.noteId)).toEqual([pinned.body!.noteId, last.body!.noteId, first.body!.noteId]);
    const page1 = await call('GET', `/customers/${corp}/notes?limit=2`, 'agent');
    const page2 = await call('GET', `/customers/${corp}/notes?limit=2&cursor=${encodeURIComponent(page1.body!.cursor)}`, 'agent');
    expect([...page1.body!.items, ...page2.body!.items].map((n: { noteId: string }) => n.noteId)).toEqual(list.body!.items.map((n: { noteId: string }) => n.noteId));

    const edited = await call('PUT', `/customers/${corp}/notes/${first.body!.noteId}`, 'agent', { type: 'call', body: 'Called twice about the renewal.', pinned: false, version: 1 });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ body: 'Called twice about the renewal.', version: 2, editedBy: userId.agent });
    expect(edited.body!.editedAt).toEqual(expect.any(String));

    const stale = await call('PUT', `/customers/${corp}/notes/${first.body!.noteId}`, 'agent', { type: 'call', body: 'Lost update', pinned: false, version: 1 });
    expect(outcome(stale)).toEqual({ status: 409, code: 'version_conflict' });

    const calls = await call('GET', `/customers/${corp}/notes?type=call`, 'agent');
    expect(calls.body!.items).toEqual([expect.objectContaining({ noteId: first.body!.noteId, body: 'Called twice about the renewal.' })]);

    expect((await call('DELETE', `/customers/${corp}/notes/${last.body!.noteId}`, 'agent')).status).toBe(204);
    const after = await call('GET', `/customers/${corp}/notes`, 'agent');
    expect(after.body!.items.map((n: { noteId: string }) => n.noteId)).not.toContain(last.body!.noteId);
    expect(outcome(await call('GET', `/customers/${corp}/notes?includeDeleted=true`, 'agent'))).toEqual({ status: 403, code: 'forbidden' });
    const withDeleted = await call('GET', `/customers/${corp}/notes?includeDeleted=true`, 'manager');
    expect(withDeleted.body!.items).toContainEqual(expect.objectContaining({ noteId: last.body!.noteId, deletedBy: userId.agent, canEdit: false }));
  });

  it("lets only the author or a manager change a note: an agent editing a manager's note gets not_note_author", async () => {
    const managers = await call('POST', `/customers/${corp}/notes`, 'manager', { type: 'complaint', body: 'Escalated complaint.' });
    const agents = await call('POST', `/customers/${corp}/notes`, 'agent', { type: 'follow_up', body: 'Follow up next week.' });

    const refused = await call('PUT', `/customers/${corp}/notes/${managers.body!.noteId}`, 'agent', { type: 'complaint', body: 'Not mine', pinned: false, version: 1 });
    expect(outcome(refused)).toEqual({ status: 403, code: 'not_note_author' });
    expect(outcome(await call('DELETE', `/customers/${corp}/notes/${managers.body!.noteId}`, 'agent'))).toEqual({ status: 403, code: 'not_note_author' });

    const byManager = await call('PUT', `/customers/${corp}/notes/${agents.body!.noteId}`, 'manager', { type: 'follow_up', body: 'Follow up on Monday.', pinned: true, version: 1 });
    expect(byManager.body).toMatchObject({ authorId: userId.agent, editedBy: userId.manager, pinned: true });
  });

  it('answers 404 for an unknown customer, and to a customer user on every notes route of their own account, writing nothing', async () => {
    expect(outcome(await call('POST', '/customers/no-such-customer/notes', 'agent', { body: 'x' }))).toEqual(notFound);
    const note = await call('POST', `/customers/${corp}/notes`, 'agent', { body: 'Internal only.' });
    const before = writesOf('customerNote');

    expect(outcome(await call('GET', `/customers/${corp}/notes`, 'alice'))).toEqual(notFound);
    expect(outcome(await call('POST', `/customers/${corp}/notes`, 'alice', { body: 'hello' }))).toEqual(notFound);
    expect(outcome(await call('PUT', `/customers/${corp}/notes/${note.body!.noteId}`, 'alice', { type: 'general', body: 'x', pinned: false, version: 1 }))).toEqual(notFound);
    expect(outcome(await call('DELETE', `/customers/${corp}/notes/${note.body!.noteId}`, 'alice'))).toEqual(notFound);

    expect(writesOf('customerNote')).toBe(before);
  });
});

describe('customer documents', () => {
  it('uploads through a presigned POST, completes, and the customer downloads it as an attachment', async () => {
    const { documentId, done } = await upload(pdf, { fileName: 'Contrat 2026.pdf' });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body).toMatchObject({ status: 'available', size: pdf.length, fileName: 'Contrat 2026.pdf', uploadedBy: userId.agent });

    const mine = await call('GET', `/customers/${corp}/documents`, 'alice');
    expect(mine.body!.items).toContainEqual(expect.objectContaining({ documentId, status: 'available' }));

    const link = await call('GET', `/customers/${corp}/documents/${documentId}/download`, 'alice');
    expect(link.status).toBe(200);
    const url = new URL(link.body!.url);
    expect(url.searchParams.get('response-content-disposition')).toMatch(/^attachment; filename="Contrat 2026.pdf"/);
    const file = await fetch(url);
    expect(file.status).toBe(200);
    expect(new Uint8Array(await file.arrayBuffer())).toEqual(pdf);
    // s3rver honours the response-content-disposition override, as S3 does.
    expect(file.headers.get('content-disposition')).toMatch(/^attachment; filename="Contrat 2026.pdf"/);
  });

  it('quarantines an executable named .pdf and answers 415; the record is the only write', async () => {
    const started = await call('POST', `/customers/${corp}/documents`, 'agent', {
      category: 'agreement', title: 'Signed agreement', fileName: 'agreement.pdf', contentType: 'application/pdf', size: exe.length,
    });
    const documentId = started.body!.document.documentId as string;
    await postToPresigned(started.body!.upload, exe, 'application/pdf');
    const before = writesOf('customerDocument');

    const done = await call('POST', `/customers/${corp}/documents/${documentId}/complete`, 'agent');

    expect(outcome(done)).toEqual({ status: 415, code: 'file_type_not_allowed' });
    expect(writesOf('customerDocument')).toBe(before + 1);
    const list = await call('GET', `/customers/${corp}/documents`, 'agent');
    expect(list.body!.items).toContainEqual(expect.objectContaining({ documentId, status: 'quarantined' }));
    const key = `customers/${corp}/documents/${documentId}`;
    const s3 = new S3Client({ endpoint: twin.state.endpoints.s3, region: twin.state.region, forcePathStyle: true });
    await expect(s3.send(new HeadObjectCommand({ Bucket: twin.state.buckets.attachments, Key: `quarantine/${key}` }))).resolves.toBeDefined();
    await expect(s3.send(new HeadObjectCommand({ Bucket: twin.state.buckets.attachments, Key: key }))).rejects.toMatchObject({ name: 'NotFound' });
    expect(outcome(await call('GET', `/customers/${corp}/documents/${documentId}/download`, 'agent'))).toEqual({ status: 409, code: 'document_unavailable' });
  });

  it('refuses a declared oversize file (413), a wrong type (415) and a missing upload (409), writing nothing', async () => {
    const base = { category: 'contract', title: 'Big', fileName: 'big.pdf', contentType: 'application/pdf', size: 1000 };
    const started = await call('POST', `/customers/${corp}/documents`, 'agent', base);
    const before = writesOf('customerDocument');

    expect(outcome(await call('POST', `/customers/${corp}/documents`, 'agent', { ...base, size: 20 * 1024 * 1024 + 1 }))).toEqual({ status: 413, code: 'file_too_large' });
    expect(outcome(await call('POST', `/customers/${corp}/documents`, 'agent', { ...base, fileName: 'tool.exe', contentType: 'application/x-msdownload' }))).toEqual({
      status: 415,
      code: 'file_type_not_allowed',
    });
    expect(outcome(await call('POST', `/customers/${corp}/documents`, 'agent', { ...base, size: 0 }))).toEqual({ status: 400, code: 'validation_failed' });
    const missing = await call('POST', `/customers/${corp}/documents/${started.body!.document.documentId}/complete`, 'agent');
    expect(outcome(missing)).toEqual({ status: 409, code: 'upload_missing' });

    expect(writesOf('customerDocument')).toBe(before);
  });

  it('shows customers only shared documents; staff edit and soft-delete, customers may not', async () => {
    const { documentId } = await upload(pdf, { sharedWithCustomer: false, title: 'Internal copy' });
    const hidden = async () => (await call('GET', `/customers/${corp}/documents`, 'alice')).body!.items.map((d: { documentId: string }) => d.documentId);
    expect(await hidden()).not.toContain(documentId);
    expect(outcome(await call('GET', `/customers/${corp}/documents/${documentId}/download`, 'alice'))).toEqual(notFound);
    expect(outcome(await call('PATCH', `/customers/${corp}/documents/${documentId}`, 'alice', { sharedWithCustomer: true, version: 2 }))).toEqual({ status: 403, code: 'forbidden' });

    const shared = await call('PATCH', `/customers/${corp}/documents/${documentId}`, 'agent', { sharedWithCustomer: true, title: 'Signed copy', version: 2 });
    expect(shared.body).toMatchObject({ sharedWithCustomer: true, title: 'Signed copy', version: 3 });
    expect(outcome(await call('PATCH', `/customers/${corp}/documents/${documentId}`, 'agent', { title: 'Stale', version: 2 }))).toEqual({ status: 409, code: 'version_conflict' });
    expect(await hidden()).toContain(documentId);

    expect((await call('DELETE', `/customers/${corp}/documents/${documentId}`, 'agent')).status).toBe(204);
    expect(await hidden()).not.toContain(documentId);
    expect(outcome(await call('GET', `/customers/${corp}/documents/${documentId}/download`, 'agent'))).toEqual(notFound);
  });
});

describe("isolation: another customer's ids answer 404 and change nothing", () => {
  let noteId: string;
  let documentId: string;
  let writes: () => number;

  beforeAll(async () => {
    noteId = (await call('POST', `/customers/${corp}/notes`, 'agent', { body: 'Isolation probe.' })).body!.noteId;
    documentId = (await upload(pdf, { title: 'Isolation probe' })).documentId;
    writes = () => writesOf('customerNote') + writesOf('customerDocument');
  });

  it('isolation: GET /customers/{customerId}/notes', async () => {
    expect(outcome(await call('GET', `/customers/${corp}/notes`, 'bob'))).toEqual(notFound);
  });

  it('isolation: POST /customers/{customerId}/notes', async () => {
    const before = writes();
    expect(outcome(await call('POST', `/customers/${corp}/notes`, 'bob', { body: 'intrusion' }))).toEqual(notFound);
    expect(writes()).toBe(before);
  });

  it('isolation: PUT /customers/{customerId}/notes/{noteId}', async () => {
    const before = writes();
    expect(outcome(await call('PUT', `/customers/${corp}/notes/${noteId}`, 'bob', { type: 'general', body: 'x', pinned: true, version: 1 }))).toEqual(notFound);
    expect(writes()).toBe(before);
  });

  it('isolation: DELETE /customers/{customerId}/notes/{noteId}', async () => {
    const before = writes();
    expect(outcome(await call('DELETE', `/customers/${corp}/notes/${noteId}`, 'bob'))).toEqual(notFound);
    expect(writes()).toBe(before);
  });

  it('isolation: GET /customers/{customerId}/documents', async () => {
    expect(outcome(await call('GET', `/customers/${corp}/documents`, 'bob'))).toEqual(notFound);
  });

  it('isolation: POST /customers/{customerId}/documents', async () => {
    const before = writes();
    const declared = { category: 'other', title: 'x', fileName: 'x.pdf', contentType: 'application/pdf', size: 10 };
    expect(outcome(await call('POST', `/customers/${corp}/documents`, 'bob', declared))).toEqual(notFound);
    expect(writes()).toBe(before);
  });

  it('isolation: POST /customers/{customerId}/documents/{documentId}/complete', async () => {
    const before = writes();
    expect(outcome(await call('POST', `/customers/${corp}/documents/${documentId}/complete`, 'bob'))).toEqual(notFound);
    expect(writes()).toBe(before);
  });

  it('isolation: GET /customers/{customerId}/documents/{documentId}/download', async () => {
    expect(outcome(await call('GET', `/customers/${corp}/documents/${documentId}/download`, 'bob'))).toEqual(notFound);
    // The same document id under Bob's own account does not exist either.
    expect(outcome(await call('GET', `/customers/${other}/documents/${documentId}/download`, 'bob'))).toEqual(notFound);
  });

  it('isolation: PATCH /customers/{customerId}/documents/{documentId}', async () => {
    const before = writes();
    expect(outcome(await call('PATCH', `/customers/${corp}/documents/${documentId}`, 'bob', { title: 'mine now', version: 2 }))).toEqual(notFound);
    expect(writes()).toBe(before);
  });

  it('isolation: DELETE /customers/{customerId}/documents/{documentId}', async () => {
    const before = writes();
    expect(outcome(await call('DELETE', `/customers/${corp}/documents/${documentId}`, 'bob'))).toEqual(notFound);
    expect(writes()).toBe(before);
    expect((await call('GET', `/customers/${corp}/documents`, 'alice')).body!.items).toContainEqual(expect.objectContaining({ documentId, title: 'Isolation probe' }));
  });
});
