import * as z from 'zod';
import type { UserActor } from '../auth/actor.js';
import { parseEnv } from '../config.js';
import { customerAccess } from '../customers/access.js';
import { checkCursor, withCursor } from '../db/cursor.js';
import { CustomerDocument, type CustomerDocumentItem } from '../db/entities/customer-document.js';
import { isConditionalCheckFailed } from '../db/errors.js';
import { ConflictError, ForbiddenError, NotFoundError } from '../errors.js';
import { FileTooLargeError, FileTypeNotAllowedError } from '../uploads/errors.js';
import { displayFileName, documentTypes, maxDocumentBytes, type DocumentType } from '../uploads/file-types.js';
import { inspectUpload, presignDownload, presignUpload, quarantineObject, type PresignedUpload } from '../uploads/s3-files.js';
import { timeSortableId } from './ids.js';
import { actorName, requireCustomer } from './notes.js';
import type { CreateDocument, DocumentView, ListDocumentsQuery, UpdateDocument } from './schemas.js';

const env = parseEnv(z.object({ ATTACHMENTS_BUCKET: z.string().min(1).default('cloudmanager-attachments') }));

/** File name extensions accepted for each document type. */
const extensions: Record<DocumentType, readonly string[]> = {
  'application/pdf': ['.pdf'],
  'image/jpeg': ['.jpg', '.jpeg'],
  'image/png': ['.png'],
};

/**
 * Checks what the client declares before anything is written: at most 20 MB (`file_too_large`),
 * PDF, JPEG or PNG with a matching file name extension (`file_type_not_allowed`).
 */
export function checkDeclaredFile(input: { fileName: string; contentType: string; size: number }): DocumentType {
  if (input.size > maxDocumentBytes) throw new FileTooLargeError(maxDocumentBytes);
  const type = documentTypes.find((t) => t === input.contentType.trim().toLowerCase());
  const name = input.fileName.trim().toLowerCase();
  if (!type || !extensions[type].some((ext) => name.endsWith(ext))) throw new FileTypeNotAllowedError(documentTypes);
  return type;
}

/** The storage key: server-chosen, never derived from the file name. */
export const documentKey = (customerId: string, documentId: string) => `customers/${customerId}/documents/${documentId}`;

const versionConflict = () => new ConflictError('version_conflict', 'The document was changed by someone else; reload and try again');

export function toDocumentView(item: CustomerDocumentItem): DocumentView {
  return {
    documentId: item.documentId,
    customerId: item.customerId,
    category: item.category,
    title: item.title,
    fileName: item.fileName,
    contentType: item.contentType,
    size: item.size,
    sharedWithCustomer: item.sharedWithCustomer,
    status: item.status,
    uploadedBy: item.uploadedBy,
    uploaderName: item.uploaderName,
    createdAt: item.createdAt,
    ...(item.completedAt ? { completedAt: item.completedAt } : {}),
    version: item.version,
  };
}

/** Customer users see only documents shared with them whose upload passed the checks. */
const visibleToContact = (doc: CustomerDocumentItem) => doc.sharedWithCustomer && doc.status === 'available';

/**
 * Adding and changing documents is staff work: a contact of the account is told no (403), anyone
 * else is told the account does not exist (404). Staff get 404 for an unknown customer.
 */
async function staffOnAccount(actor: UserActor, customerId: string): Promise<void> {
  const access = await customerAccess(actor, customerId);
  if (access.kind === 'contact') throw new ForbiddenError('Only staff add or change customer documents');
  await requireCustomer(customerId);
}

async function readDocument(customerId: string, documentId: string): Promise<CustomerDocumentItem> {
  const { data } = await CustomerDocument.get({ customerId, documentId }).go();
  if (!data || data.deletedAt) throw new NotFoundError('No such document');
  return data;
}

/** Records a document awaiting its upload and answers a presigned POST for it (nothing is written if the declaration is refused). */
export async function createDocument(actor: UserActor, customerId: string, input: CreateDocument): Promise<{ document: DocumentView; upload: PresignedUpload }> {
  await staffOnAccount(actor, customerId);
  const contentType = checkDeclaredFile(input);
  const documentId = timeSortableId();
  const s3Key = documentKey(customerId, documentId);
  const [upload, uploaderName] = await Promise.all([
    presignUpload({ bucket: env.ATTACHMENTS_BUCKET, key: s3Key, maxBytes: maxDocumentBytes, contentType }),
    actorName(actor),
  ]);
  const { data } = await CustomerDocument.create({
    customerId,
    documentId,
    category: input.category,
    title: input.title,
    fileName: displayFileName(input.fileName),
    contentType,
    size: input.size,
    sharedWithCustomer: input.sharedWithCustomer,
    status: 'awaiting_upload',
    s3Key,
    uploadedBy: actor.userId,
    uploaderName,
  }).go();
  return { document: toDocumentView(data), upload };
}

/**
 * Checks the stored object (real size, magic bytes = the declared type). Passed: the document is
 * available. Failed: the object is moved to quarantine, the document marked quarantined (the only
 * write), and the answer is 413/415. No object yet: 409 `upload_missing`, nothing written.
 */
export async function completeDocument(actor: UserActor, customerId: string, documentId: string): Promise<DocumentView> {
  await staffOnAccount(actor, customerId);
  const doc = await readDocument(customerId, documentId);
  if (doc.status === 'available') return toDocumentView(doc);
  if (doc.status === 'quarantined') throw new ConflictError('document_quarantined', 'This upload was refused and quarantined; upload the file again as a new document');
  const bucket = env.ATTACHMENTS_BUCKET;
  const inspection = await inspectUpload({ bucket, key: doc.s3Key, maxBytes: maxDocumentBytes, allowed: [doc.contentType as DocumentType] });
  if (!inspection.ok && inspection.reason === 'missing') throw new ConflictError('upload_missing', 'No file was uploaded for this document yet');
  if (!inspection.ok) {
    await quarantineObject(bucket, doc.s3Key);
    const now = new Date().toISOString();
    await CustomerDocument.patch({ customerId, documentId })
      .set({ status: 'quarantined', quarantinedAt: now, quarantineReason: inspection.reason, size: inspection.size, version: doc.version + 1 })
      .where(({ status }, { eq }) => eq(status, 'awaiting_upload'))
      .go()
      .catch((err: unknown) => {
        if (!isConditionalCheckFailed(err)) throw err;
      });
    throw inspection.reason === 'file_too_large' ? new FileTooLargeError(maxDocumentBytes) : new FileTypeNotAllowedError(documentTypes);
  }
  try {
    const { data } = await CustomerDocument.patch({ customerId, documentId })
      .set({ status: 'available', size: inspection.size, completedAt: new Date().toISOString(), version: doc.version + 1 })
      .where(({ status }, { eq }) => eq(status, 'awaiting_upload'))
      .go({ response: 'all_new' });
    return toDocumentView(data);
  } catch (err) {
    if (!isConditionalCheckFailed(err)) throw err;
    // Completed (or deleted) by a concurrent call: answer what it is now.
    const now = await readDocument(customerId, documentId);
    if (now.status !== 'available') throw versionConflict();
    return toDocumentView(now);
  }
}

/** Staff: every document not deleted, newest first. Contacts: only those shared with them and available. */
export async function listDocuments(actor: UserActor, customerId: string, query: ListDocumentsQuery): Promise<{ items: DocumentView[]; cursor: string | null }> {
  const access = await customerAccess(actor, customerId);
  const cursor = checkCursor(query.cursor);
  const base = CustomerDocument.query.byCustomer({ customerId });
  const filtered =
    access.kind === 'contact'
      ? base.where(
          ({ deletedAt, sharedWithCustomer, status }, { eq, notExists }) =>
            `${notExists(deletedAt)} AND ${eq(sharedWithCustomer, true)} AND ${eq(status, 'available')}`,
        )
      : base.where(({ deletedAt }, { notExists }) => notExists(deletedAt));
  const [, page] = await Promise.all([
    access.kind === 'staff' ? requireCustomer(customerId) : Promise.resolve(),
    withCursor(() => filtered.go({ order: 'desc', count: query.limit, cursor })),
  ]);
  return { items: page.data.map(toDocumentView), cursor: page.cursor };
}

/** A short-lived download link (attachment) after the object check; contacts only for shared, available documents. */
export async function downloadDocument(actor: UserActor, customerId: string, documentId: string): Promise<{ url: string; expiresAt: string }> {
  const access = await customerAccess(actor, customerId);
  const doc = await readDocument(customerId, documentId);
  if (access.kind === 'contact' && !visibleToContact(doc)) throw new NotFoundError('No such document');
  if (doc.status !== 'available') throw new ConflictError('document_unavailable', 'This document has no checked file to download');
  return presignDownload({ bucket: env.ATTACHMENTS_BUCKET, key: doc.s3Key, fileName: doc.fileName, contentType: doc.contentType });
}

/** Changes title, category or sharing, if the version read is still current. */
export async function updateDocument(actor: UserActor, customerId: string, documentId: string, input: UpdateDocument): Promise<DocumentView> {
  await staffOnAccount(actor, customerId);
  const doc = await readDocument(customerId, documentId);
  if (doc.version !== input.version) throw versionConflict();
  const changes = {
    ...(input.title !== undefined ? { title: input.title } : {}),
    ...(input.category !== undefined ? { category: input.category } : {}),
    ...(input.sharedWithCustomer !== undefined ? { sharedWithCustomer: input.sharedWithCustomer } : {}),
  };
  if (Object.keys(changes).length === 0) return toDocumentView(doc);
  try {
    const { data } = await CustomerDocument.patch({ customerId, documentId })
      .set({ ...changes, version: input.version + 1 })
      .where(({ version, deletedAt }, { eq, notExists }) => `${eq(version, input.version)} AND ${notExists(deletedAt)}`)
      .go({ response: 'all_new' });
    return toDocumentView(data);
  } catch (err) {
    if (isConditionalCheckFailed(err)) throw versionConflict();
    throw err;
  }
}

/** Soft-deletes a document (the stored file stays, for the record). */
export async function deleteDocument(actor: UserActor, customerId: string, documentId: string): Promise<void> {
  await staffOnAccount(actor, customerId);
  const doc = await readDocument(customerId, documentId);
  try {
    await CustomerDocument.patch({ customerId, documentId })
      .set({ deletedAt: new Date().toISOString(), deletedBy: actor.userId, version: doc.version + 1 })
      .where(({ deletedAt }, { notExists }) => notExists(deletedAt))
      .go();
  } catch (err) {
    if (isConditionalCheckFailed(err)) throw new NotFoundError('No such document');
    throw err;
  }
}
