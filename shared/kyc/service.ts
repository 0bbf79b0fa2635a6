import { randomUUID } from 'node:crypto';
import { Service } from 'electrodb';
import * as z from 'zod';
import type { UserActor } from '../auth/actor.js';
import { parseEnv } from '../config.js';
import { customerAccess } from '../customers/access.js';
import { documentClient, tableName } from '../db/client.js';
import { checkCursor, withCursor } from '../db/cursor.js';
import { Customer, type CustomerItem } from '../db/entities/customer.js';
import { KycDocument, type KycDocumentItem } from '../db/entities/kyc-document.js';
import { isConditionalCheckFailed } from '../db/errors.js';
import { ConflictError, NotFoundError, ValidationError } from '../errors.js';
import { sendEmail } from '../mail/send.js';
import { logger } from '../observability.js';
import { FileTooLargeError, FileTypeNotAllowedError } from '../uploads/errors.js';
import { displayFileName, documentTypes, maxDocumentBytes } from '../uploads/file-types.js';
import { inspectUpload, presignDownload, presignUpload, quarantineObject } from '../uploads/s3-files.js';
import { initialDue } from './due.js';
import { kycRejectedEmail } from './emails.js';
import { kycRecipients } from './recipients.js';
import { requiredTypes } from './requirements.js';
import type { CreateKycUpload, CustomerKyc, KycDocumentView, ReviewQueueItem } from './schemas.js';
import { kycFileExtensions } from './schemas.js';
import { customerDocuments, summarise, today } from './summary.js';

const env = parseEnv(z.object({ KYC_BUCKET: z.string().min(1).default('cloudmanager-kyc') }));
const bucket = env.KYC_BUCKET;
const queue = 'kyc';

const makeStore = () => new Service({ kycDocument: KycDocument, customer: Customer }, { client: documentClient, table: tableName });
/** Built on first use, not at import (cold start). */
let store: ReturnType<typeof makeStore> | undefined;
const getStore = () => (store ??= makeStore());

/** Staff see everything; a customer's contacts see neither the internal note nor who reviewed or uploaded. */
export function toKycDocumentView(item: KycDocumentItem, staff: boolean): KycDocumentView {
  return {
    documentId: item.documentId,
    customerId: item.customerId,
    docType: item.docType,
    status: item.status,
    fileName: item.fileName,
    contentType: item.contentType,
    size: item.size,
    ...(item.expiresOn ? { expiresOn: item.expiresOn } : {}),
    ...(item.reason ? { reason: item.reason } : {}),
    uploadedAt: item.createdAt,
    statusAt: item.statusAt,
    ...(item.reviewedAt ? { reviewedAt: item.reviewedAt } : {}),
    version: item.version,
    ...(staff
      ? {
          uploadedBy: item.uploadedBy,
          ...(item.reviewedBy ? { reviewedBy: item.reviewedBy } : {}),
          ...(item.internalNote ? { internalNote: item.internalNote } : {}),
        }
      : {}),
  };
}

async function loadCustomer(customerId: string): Promise<CustomerItem> {
  const { data } = await Customer.get({ customerId }).go();
  if (!data) throw new NotFoundError('No such customer');
  return data;
}

async function loadDocument(customerId: string, documentId: string): Promise<KycDocumentItem> {
  const { data } = await KycDocument.get({ customerId, documentId }).go();
  if (!data) throw new NotFoundError('No such KYC document');
  return data;
}

function invalidTransition(from: string, to: string) {
  return new ConflictError('invalid_status_transition', `A KYC document that is ${from} cannot become ${to}`, { from, to });
}

function versionConflict(version: number) {
  return new ConflictError('version_conflict', 'The document was changed by someone else; reload and try again', { version });
}

function checkFutureDate(expiresOn: string | undefined, path: string) {
  if (expiresOn && expiresOn <= today()) throw new ValidationError([{ path, message: 'Must be a date in the future', code: 'too_small' }]);
}

/**
 * Announces a KYC upload: checks the declared size and type before anything is written, records
 * the document (`awaiting_upload`) under a server-chosen key, and answers a presigned POST for
 * exactly that key.
 */
export async function startKycUpload(actor: UserActor, customerId: string, input: CreateKycUpload): Promise<{ document: KycDocumentView; upload: Awaited<ReturnType<typeof presignUpload>> }> {
  const access = await customerAccess(actor, customerId);
  await loadCustomer(customerId);
  if (input.size > maxDocumentBytes) throw new FileTooLargeError(maxDocumentBytes);
  const extension = /\.[^.]+$/.exec(input.fileName.toLowerCase())?.[0] ?? '';
  const contentType = input.contentType.toLowerCase();
  if (!(documentTypes as readonly string[]).includes(contentType) || !(kycFileExtensions as readonly string[]).includes(extension)) {
    throw new FileTypeNotAllowedError(documentTypes);
  }
  checkFutureDate(input.expiresOn, 'body.expiresOn');

  const documentId = randomUUID();
  // Never derived from the file name: the name is kept for display only.
  const key = `kyc/${customerId}/${documentId}`;
  const upload = await presignUpload({ bucket, key, maxBytes: maxDocumentBytes, contentType });
  const now = new Date().toISOString();
  const { data } = await KycDocument.create({
    customerId,
    documentId,
    docType: input.docType,
    status: 'awaiting_upload',
    fileName: displayFileName(input.fileName),
    contentType,
    size: input.size,
    key,
    ...(input.expiresOn ? { expiresOn: input.expiresOn } : {}),
    uploadedBy: actor.userId,
    statusAt: now,
    queue,
  }).go();
  return { document: toKycDocumentView(data, access.kind === 'staff'), upload };
}

/**
 * Checks the stored file (real size and magic bytes). Accepted: the document enters the review
 * queue and any earlier one of the same type still waiting for review is superseded, in one
 * transaction. Missing: 409, nothing written (the client may upload and try again).
 */
export async function completeKycUpload(actor: UserActor, customerId: string, documentId: string): Promise<KycDocumentView> {
  const access = await customerAccess(actor, customerId);
  const doc = await loadDocument(customerId, documentId);
  if (doc.status !== 'awaiting_upload') throw invalidTransition(doc.status, 'pending_review');
  const inspection = await inspectUpload({ bucket, key: doc.key, maxBytes: maxDocumentBytes, allowed: documentTypes });
  if (!inspection.ok && inspection.reason === 'missing') {
    throw new ConflictError('upload_missing', 'The file has not been uploaded yet; upload it, then complete again');
  }
  if (!inspection.ok) {
    // The one write on a refused request, on purpose: the object is moved to quarantine/ and the
    // record must say so, or the refused file would be untraceable and the announcement reusable.
    await quarantineObject(bucket, doc.key);
    await KycDocument.patch({ customerId, documentId })
      .set({ status: 'quarantined', statusAt: new Date().toISOString(), queue, size: inspection.size, version: doc.version + 1 })
      .where(({ status, version }, { eq }) => `${eq(status, 'awaiting_upload')} AND ${eq(version, doc.version)}`)
      .go()
      .catch((err: unknown) => {
        if (!isConditionalCheckFailed(err)) throw err;
      });
    if (inspection.reason === 'file_too_large') throw new FileTooLargeError(maxDocumentBytes);
    throw new FileTypeNotAllowedError(documentTypes);
  }

  const statusAt = new Date().toISOString();
  const earlier = (await customerDocuments(customerId)).filter(
    (d) => d.docType === doc.docType && d.status === 'pending_review' && d.documentId !== documentId,
  );
  const result = await getStore().transaction
    .write(({ kycDocument }) => [
      kycDocument
        .patch({ customerId, documentId })
        .set({ status: 'pending_review', statusAt, queue, size: inspection.size, contentType: inspection.contentType, version: doc.version + 1 })
        .where(({ status, version }, { eq }) => `${eq(status, 'awaiting_upload')} AND ${eq(version, doc.version)}`)
        .commit(),
      ...earlier.map((old) =>
        kycDocument
          .patch({ customerId, documentId: old.documentId })
          .set({ status: 'superseded', statusAt, queue, version: old.version + 1 })
          .where(({ version }, { eq }) => eq(version, old.version))
          .commit(),
      ),
    ])
    .go();
  if (result.canceled) throw new ConflictError('version_conflict', 'The documents changed meanwhile; try again');
  return toKycDocumentView(
    { ...doc, status: 'pending_review', statusAt, size: inspection.size, contentType: inspection.contentType, version: doc.version + 1, updatedAt: statusAt },
    access.kind === 'staff',
  );
}

/** A customer's KYC documents (newest first, announced-but-never-uploaded ones left out) and summary. */
export async function getCustomerKyc(actor: UserActor, customerId: string): Promise<CustomerKyc> {
  const access = await customerAccess(actor, customerId);
  const customer = await loadCustomer(customerId);
  const [required, docs] = await Promise.all([requiredTypes(customer.type), customerDocuments(customerId)]);
  const shown = docs.filter((d) => d.status !== 'awaiting_upload').sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  return {
    customerId,
    customerType: customer.type,
    summary: summarise(required, docs),
    documents: shown.map((d) => toKycDocumentView(d, access.kind === 'staff')),
  };
}

/** Documents waiting for review across customers, oldest first, with each customer's name. */
export async function reviewQueue(query: { cursor?: string | undefined; limit: number }): Promise<{ items: ReviewQueueItem[]; cursor: string | null }> {
  const cursor = checkCursor(query.cursor);
  const page = await withCursor(() => KycDocument.query.byStatus({ queue, status: 'pending_review' }).go({ order: 'asc', limit: query.limit, cursor }));
  const ids = [...new Set(page.data.map((d) => d.customerId))];
  const names = new Map<string, string>();
  if (ids.length) {
    const { data } = await Customer.get(ids.map((customerId) => ({ customerId }))).go();
    for (const c of data) names.set(c.customerId, c.name);
  }
  return {
    items: page.data.map((d) => ({ ...toKycDocumentView(d, true), customerName: names.get(d.customerId) ?? '' })),
    cursor: page.cursor,
  };
}

const downloadable = new Set(['pending_review', 'approved', 'rejected', 'expired']);

/** A short-lived attachment link to a document's file, for a reviewer. Never for refused or unfinished uploads. */
export async function kycDownloadLink(customerId: string, documentId: string): Promise<{ url: string; expiresAt: string }> {
  const doc = await loadDocument(customerId, documentId);
  if (!downloadable.has(doc.status)) {
    throw new ConflictError('document_unavailable', `A ${doc.status} document cannot be downloaded`, { status: doc.status });
  }
  return presignDownload({ bucket, key: doc.key, fileName: doc.fileName, contentType: doc.contentType });
}

async function readForReview(customerId: string, documentId: string, to: 'approved' | 'rejected', version: number) {
  const doc = await loadDocument(customerId, documentId);
  if (doc.status !== 'pending_review') throw invalidTransition(doc.status, to);
  if (doc.version !== version) throw versionConflict(version);
  return doc;
}

/**
 * Approves a document waiting for review (optionally setting its expiry, which puts it in the
 * due index), supersedes earlier approved documents of the same type (their reminders stop), and
 * clears the customer's expired-KYC flag when this completes their KYC.
 */
export async function approveKycDocument(
  actor: UserActor,
  customerId: string,
  documentId: string,
  input: { internalNote?: string | undefined; expiresOn?: string | undefined; version: number },
): Promise<KycDocumentView> {
  const customer = await loadCustomer(customerId);
  // Staff may set any date, a past one included: the next expiry sweep then expires it.
  const doc = await readForReview(customerId, documentId, 'approved', input.version);
  const expiresOn = input.expiresOn ?? doc.expiresOn;
  const docs = await customerDocuments(customerId);
  const older = docs.filter((d) => d.docType === doc.docType && d.status === 'approved' && d.documentId !== documentId);
  const now = new Date().toISOString();
  const changes = {
    status: 'approved' as const,
    statusAt: now,
    queue,
    reviewedBy: actor.userId,
    reviewedAt: now,
    version: doc.version + 1,
    ...(expiresOn ? { expiresOn, ...initialDue(expiresOn, documentId) } : {}),
    ...(input.internalNote ? { internalNote: input.internalNote } : {}),
  };
  const result = await getStore().transaction
    .write(({ kycDocument }) => [
      kycDocument
        .patch({ customerId, documentId })
        .set(changes)
        .where(({ status, version }, { eq }) => `${eq(status, 'pending_review')} AND ${eq(version, doc.version)}`)
        .commit(),
      ...older.map((old) =>
        kycDocument
          .patch({ customerId, documentId: old.documentId })
          .set({ status: 'superseded', statusAt: now, queue, version: old.version + 1 })
          .remove(['duepk', 'duesk'])
          .where(({ version }, { eq }) => eq(version, old.version))
          .commit(),
      ),
    ])
    .go();
  if (result.canceled) throw await conflictAfterRace(customerId, documentId, 'approved', input.version);
  const approved: KycDocumentItem = { ...doc, ...changes, updatedAt: now };

  if (customer.kycFlag === 'expired') {
    const after = docs.map((d) => (d.documentId === documentId ? approved : older.some((o) => o.documentId === d.documentId) ? { ...d, status: 'superseded' as const } : d));
    if (summarise(await requiredTypes(customer.type), after).complete) {
      await Customer.patch({ customerId }).remove(['kycFlag']).go();
    }
  }
  return toKycDocumentView(approved, true);
}

/** Rejects a document waiting for review with a customer-visible reason, mailed to the account's contacts. */
export async function rejectKycDocument(
  actor: UserActor,
  customerId: string,
  documentId: string,
  input: { reason: string; internalNote?: string | undefined; version: number },
): Promise<KycDocumentView> {
  const customer = await loadCustomer(customerId);
  const doc = await readForReview(customerId, documentId, 'rejected', input.version);
  const now = new Date().toISOString();
  const changes = {
    status: 'rejected' as const,
    statusAt: now,
    queue,
    reviewedBy: actor.userId,
    reviewedAt: now,
    reason: input.reason,
    version: doc.version + 1,
    ...(input.internalNote ? { internalNote: input.internalNote } : {}),
  };
  try {
    await KycDocument.patch({ customerId, documentId })
      .set(changes)
      .where(({ status, version }, { eq }) => `${eq(status, 'pending_review')} AND ${eq(version, doc.version)}`)
      .go();
  } catch (err) {
    if (isConditionalCheckFailed(err)) throw await conflictAfterRace(customerId, documentId, 'rejected', input.version);
    throw err;
  }
  const to = await kycRecipients(customerId, doc.uploadedBy);
  if (to.length) {
    await sendEmail(kycRejectedEmail(to, { customerName: customer.name, docType: doc.docType, fileName: doc.fileName, reason: input.reason })).catch((err: Error) =>
      logger.error('KYC rejection email failed', { customerId, documentId, error: err.message }),
    );
  }
  return toKycDocumentView({ ...doc, ...changes, updatedAt: now }, true);
}

/** Someone decided first: say which way, or that the version moved. */
async function conflictAfterRace(customerId: string, documentId: string, to: string, version: number): Promise<ConflictError> {
  const { data } = await KycDocument.get({ customerId, documentId }).go();
  if (data && data.status !== 'pending_review') return invalidTransition(data.status, to);
  return versionConflict(version);
}
