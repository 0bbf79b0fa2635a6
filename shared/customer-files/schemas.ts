import * as z from 'zod';
import { presignedUpload } from '../uploads/schemas.js';

/** Internal notes (staff only) and customer documents, on one customer account. */

export const noteTypes = ['general', 'call', 'meeting', 'billing', 'technical', 'complaint', 'follow_up'] as const;
export const noteType = z.enum(noteTypes);
export const maxNoteLength = 10_000;

export const documentCategories = ['contract', 'agreement', 'id_copy', 'correspondence', 'invoice_copy', 'other'] as const;
export const documentCategory = z.enum(documentCategories);
export const documentStatuses = ['awaiting_upload', 'available', 'quarantined'] as const;
export const documentStatus = z.enum(documentStatuses);

/** Ids are server-made (letters, digits, - and _); customer ids become part of storage keys. */
const id = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/);
export const customerPath = z.object({ customerId: id });
export const notePath = customerPath.extend({ noteId: id });
export const documentPath = customerPath.extend({ documentId: id });

const noteBody = z.string().trim().min(1).max(maxNoteLength);
/** The version the client read; the write fails with `version_conflict` if it moved on. */
const version = z.int().positive();
const cursor = z.string().min(1).max(2048).optional();
const limit = z.coerce.number().int().min(1).max(100).default(25);
const flag = z.enum(['true', 'false']).default('false').transform((v) => v === 'true');

export const createNote = z
  .object({ type: noteType.default('general'), body: noteBody, pinned: z.boolean().default(false) })
  .strict()
  .meta({ id: 'CreateCustomerNote' });

export const updateNote = z
  .object({ type: noteType, body: noteBody, pinned: z.boolean(), version })
  .strict()
  .meta({ id: 'UpdateCustomerNote' });

export const listNotesQuery = z
  .object({
    type: noteType.optional(),
    /** Managers and admins only. */
    includeDeleted: flag,
    cursor,
    limit,
  })
  .strict();

export const noteView = z
  .object({
    noteId: z.string(),
    customerId: z.string(),
    type: noteType,
    body: z.string(),
    pinned: z.boolean(),
    authorId: z.string(),
    authorName: z.string(),
    createdAt: z.iso.datetime(),
    /** Set when the body or type changed after creation. */
    editedAt: z.iso.datetime().optional(),
    editedBy: z.string().optional(),
    deletedAt: z.iso.datetime().optional(),
    deletedBy: z.string().optional(),
    version: z.int(),
    /** Whether the caller may edit or delete it (its author, a manager or an admin). */
    canEdit: z.boolean(),
  })
  .meta({ id: 'CustomerNote' });

export const notePage = z.object({ items: z.array(noteView), cursor: z.string().nullable() }).meta({ id: 'CustomerNotePage' });

const title = z.string().trim().min(1).max(200);

/** Declared before the upload; size and type are checked again on the stored object. */
export const createDocument = z
  .object({
    category: documentCategory,
    title,
    fileName: z.string().trim().min(1).max(255),
    contentType: z.string().trim().min(1).max(100),
    size: z.int().positive(),
    sharedWithCustomer: z.boolean().default(false),
  })
  .strict()
  .meta({ id: 'CreateCustomerDocument' });

export const updateDocument = z
  .object({ category: documentCategory.optional(), title: title.optional(), sharedWithCustomer: z.boolean().optional(), version })
  .strict()
  .meta({ id: 'UpdateCustomerDocument' });

export const listDocumentsQuery = z.object({ cursor, limit }).strict();

export const documentView = z
  .object({
    documentId: z.string(),
    customerId: z.string(),
    category: documentCategory,
    title: z.string(),
    fileName: z.string(),
    contentType: z.string(),
    /** Declared until the upload is complete, then the stored object's real size. */
    size: z.int(),
    sharedWithCustomer: z.boolean(),
    status: documentStatus,
    uploadedBy: z.string(),
    uploaderName: z.string(),
    createdAt: z.iso.datetime(),
    completedAt: z.iso.datetime().optional(),
    version: z.int(),
  })
  .meta({ id: 'CustomerDocument' });

export const documentPage = z
  .object({ items: z.array(documentView), cursor: z.string().nullable() })
  .meta({ id: 'CustomerDocumentPage' });

export const documentUpload = z
  .object({ document: documentView, upload: presignedUpload })
  .meta({ id: 'CustomerDocumentUpload', description: 'POST `upload.fields`, then the file as the last form field `file`, to `upload.url`; then call complete.' });

export const noContent = z.void();

export type CreateNote = z.infer<typeof createNote>;
export type UpdateNote = z.infer<typeof updateNote>;
export type ListNotesQuery = z.infer<typeof listNotesQuery>;
export type NoteView = z.infer<typeof noteView>;
export type CreateDocument = z.infer<typeof createDocument>;
export type UpdateDocument = z.infer<typeof updateDocument>;
export type ListDocumentsQuery = z.infer<typeof listDocumentsQuery>;
export type DocumentView = z.infer<typeof documentView>;
