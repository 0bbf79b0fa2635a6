import { CopyObjectCommand, DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { DeleteCommand, DynamoDBDocumentClient, PutCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { actorFromClaims } from '../auth/actor.js';
import { Customer } from '../db/entities/customer.js';
import { CustomerContact } from '../db/entities/customer-contact.js';
import { CustomerDocument } from '../db/entities/customer-document.js';
import { answerReads } from '../db/fake-table.js';
import type { AppError } from '../errors.js';
import { maxDocumentBytes } from '../uploads/file-types.js';
import { checkDeclaredFile, completeDocument, createDocument, documentKey, downloadDocument, listDocuments } from './documents.js';

const ddb = mockClient(DynamoDBDocumentClient);
const s3 = mockClient(S3Client);
let items: Record<string, unknown>[] = [];
const writes = () => ddb.calls().filter((c) => [PutCommand, UpdateCommand, DeleteCommand, TransactWriteCommand].some((C) => c.args[0] instanceof C));

const actor = (sub: string, role: string) => actorFromClaims({ sub, username: sub, 'cognito:groups': [role] });
const agent = actor('agent-1', 'agent');
const contact = actor('customer-1', 'customer');
const stranger = actor('customer-2', 'customer');

const params = <T>(op: { params: <P>() => P }) => op.params<{ Item: T }>().Item;
const documentId = '20260101000000000-aaaaaaaaaaaa';
const storedDocument = (fields: Partial<{ status: 'awaiting_upload' | 'available' | 'quarantined'; sharedWithCustomer: boolean }> = {}) =>
  params<Record<string, unknown>>(
    CustomerDocument.create({
      customerId: 'c1',
      documentId,
      category: 'contract',
      title: 'Service contract',
      fileName: 'contract.pdf',
      contentType: 'application/pdf',
      size: 1000,
      sharedWithCustomer: fields.sharedWithCustomer ?? false,
      status: fields.status ?? 'awaiting_upload',
      s3Key: documentKey('c1', documentId),
      uploadedBy: 'agent-1',
      uploaderName: 'Aya',
    }),
  );

const body = (text: string) => ({ transformToByteArray: async () => new Uint8Array(Buffer.from(text)) }) as never;
const declared = { category: 'contract' as const, title: 'Contract', fileName: 'contract.pdf', contentType: 'application/pdf', size: 1000, sharedWithCustomer: false };

beforeEach(() => {
  items = [
    params(Customer.create({ customerId: 'c1', type: 'corporate', name: 'Acme', currency: 'DZD', createdBy: 'admin-1' })),
    params(CustomerContact.create({ customerId: 'c1', userId: 'customer-1', role: 'technical', name: 'Cy', email: 'cy@example.com', addedBy: 'admin-1' })),
  ];
  answerReads(ddb, () => items);
  ddb.on(PutCommand).resolves({});
  ddb.on(UpdateCommand).resolves({ Attributes: {} });
  s3.on(CopyObjectCommand).resolves({});
  s3.on(DeleteObjectCommand).resolves({});
});
afterEach(() => {
  ddb.reset();
  s3.reset();
});

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (err) {
    return err as AppError;
  }
  throw new Error('expected a rejection');
}

describe('checkDeclaredFile', () => {
  it('accepts PDF, JPEG and PNG with a matching extension, up to 20 MB', () => {
    expect(checkDeclaredFile({ fileName: 'a.PDF', contentType: 'application/pdf', size: maxDocumentBytes })).toBe('application/pdf');
    expect(checkDeclaredFile({ fileName: 'scan.jpeg', contentType: 'image/jpeg', size: 1 })).toBe('image/jpeg');
    expect(checkDeclaredFile({ fileName: 'scan.jpg', contentType: 'IMAGE/JPEG', size: 1 })).toBe('image/jpeg');
    expect(checkDeclaredFile({ fileName: 'shot.png', contentType: 'image/png', size: 1 })).toBe('image/png');
  });

  it('refuses a declared size over 20 MB with file_too_large', () => {
    expect(() => checkDeclaredFile({ fileName: 'a.pdf', contentType: 'application/pdf', size: maxDocumentBytes + 1 })).toThrow(
      expect.objectContaining({ statusCode: 413, code: 'file_too_large' }),
    );
  });

  it('refuses other types and extensions that do not match the type with file_type_not_allowed', () => {
    for (const file of [
      { fileName: 'setup.exe', contentType: 'application/x-msdownload' },
      { fileName: 'setup.exe', contentType: 'application/pdf' },
      { fileName: 'photo.png', contentType: 'application/pdf' },
      { fileName: 'pdf', contentType: 'application/pdf' },
      { fileName: 'anim.gif', contentType: 'image/gif' },
    ]) {
      expect(() => checkDeclaredFile({ ...file, size: 10 }), file.fileName).toThrow(expect.objectContaining({ statusCode: 415, code: 'file_type_not_allowed' }));
    }
  });
});

describe('createDocument', () => {
  it('records the document awaiting upload under a server-chosen key and answers a presigned POST for it', async () => {
    const { document, upload } = await createDocument(agent, 'c1', { ...declared, fileName: '../../evil/contract.pdf' });

    expect(document).toMatchObject({ status: 'awaiting_upload', fileName: 'contract.pdf', size: 1000, uploadedBy: 'agent-1' });
    const put = ddb.commandCalls(PutCommand)[0]!.args[0].input;
    expect(put.Item!.s3Key).toBe(`customers/c1/documents/${document.documentId}`);
    expect(upload.fields.key).toBe(put.Item!.s3Key);
    expect(upload.fields['Content-Type']).toBe('application/pdf');
    expect(upload.maxBytes).toBe(maxDocumentBytes);
  });

  it('refuses a declared oversize file with 413 and writes nothing', async () => {
    const err = await rejection(createDocument(agent, 'c1', { ...declared, size: maxDocumentBytes + 1 }));
    expect({ status: err.statusCode, code: err.code }).toEqual({ status: 413, code: 'file_too_large' });
    expect(writes()).toHaveLength(0);
  });

  it("tells a contact of the account 403 and anyone else 404, writing nothing", async () => {
    expect((await rejection(createDocument(contact, 'c1', declared))).statusCode).toBe(403);
    expect((await rejection(createDocument(stranger, 'c1', declared))).statusCode).toBe(404);
    expect((await rejection(createDocument(agent, 'unknown', declared))).statusCode).toBe(404);
    expect(writes()).toHaveLength(0);
  });
});

describe('completeDocument', () => {
  it('makes a document available when the stored object is what was declared', async () => {
    items.push(storedDocument());
    s3.on(HeadObjectCommand).resolves({ ContentLength: 900 });
    s3.on(GetObjectCommand).resolves({ Body: body('%PDF-1.7\n') });
    ddb.on(UpdateCommand).resolves({ Attributes: storedDocument({ status: 'available' }) });

    expect(await completeDocument(agent, 'c1', documentId)).toMatchObject({ documentId, status: 'available' });

    const update = ddb.commandCalls(UpdateCommand)[0]!.args[0].input;
    expect(Object.values(update.ExpressionAttributeValues ?? {})).toEqual(expect.arrayContaining(['available', 900]));
    expect(update.ConditionExpression).toContain('#status = ');
    expect(s3.commandCalls(CopyObjectCommand)).toHaveLength(0);
  });

  it('quarantines a renamed executable: object moved, document marked, 415', async () => {
    items.push(storedDocument());
    s3.on(HeadObjectCommand).resolves({ ContentLength: 900 });
    s3.on(GetObjectCommand).resolves({ Body: body('MZ\x90\x00 this program') });

    const err = await rejection(completeDocument(agent, 'c1', documentId));

    expect({ status: err.statusCode, code: err.code }).toEqual({ status: 415, code: 'file_type_not_allowed' });
    expect(s3.commandCalls(CopyObjectCommand)[0]!.args[0].input.Key).toBe(`quarantine/customers/c1/documents/${documentId}`);
    expect(writes()).toHaveLength(1);
    expect(Object.values(ddb.commandCalls(UpdateCommand)[0]!.args[0].input.ExpressionAttributeValues ?? {})).toEqual(
      expect.arrayContaining(['quarantined', 'file_type_not_allowed']),
    );
  });

  it('quarantines a PNG declared as a PDF (magic bytes must match the declared type)', async () => {
    items.push(storedDocument());
    s3.on(HeadObjectCommand).resolves({ ContentLength: 900 });
    s3.on(GetObjectCommand).resolves({ Body: body('\x89PNG\r\n\x1a\n') });
    expect((await rejection(completeDocument(agent, 'c1', documentId))).code).toBe('file_type_not_allowed');
  });

  it('answers upload_missing when nothing was uploaded, writing nothing', async () => {
    items.push(storedDocument());
    s3.on(HeadObjectCommand).rejects(Object.assign(new Error('nf'), { name: 'NotFound', $metadata: { httpStatusCode: 404 } }));

    const err = await rejection(completeDocument(agent, 'c1', documentId));

    expect({ status: err.statusCode, code: err.code }).toEqual({ status: 409, code: 'upload_missing' });
    expect(writes()).toHaveLength(0);
    expect(s3.commandCalls(CopyObjectCommand)).toHaveLength(0);
  });
});

describe('what contacts see', () => {
  it('lists only shared, available, not deleted documents for a contact', async () => {
    await listDocuments(contact, 'c1', { limit: 25 });
    const filter = ddb.calls().map((c) => (c.args[0].input as { FilterExpression?: string }).FilterExpression).find(Boolean)!;
    expect(filter).toMatch(/attribute_not_exists.*sharedWithCustomer.*status/);
  });

  it('gives a contact a download link only for a shared, available document', async () => {
    items.push(storedDocument({ status: 'available', sharedWithCustomer: false }));
    expect((await rejection(downloadDocument(contact, 'c1', documentId))).statusCode).toBe(404);

    items = items.filter((i) => i.documentId !== documentId);
    items.push(storedDocument({ status: 'available', sharedWithCustomer: true }));
    const link = await downloadDocument(contact, 'c1', documentId);
    expect(decodeURIComponent(link.url)).toContain('response-content-disposition=attachment; filename="contract.pdf"');
  });

  it('tells staff a document without a checked upload is not available', async () => {
    items.push(storedDocument({ status: 'quarantined' }));
    const err = await rejection(downloadDocument(agent, 'c1', documentId));
    expect({ status: err.statusCode, code: err.code }).toEqual({ status: 409, code: 'document_unavailable' });
  });
});
