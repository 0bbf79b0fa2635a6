import * as z from 'zod';
import type { UserActor } from '../auth/actor.js';
import { parseEnv } from '../config.js';
import { timeSortableId } from '../customer-files/ids.js';
import { checkCursor, withCursor } from '../db/cursor.js';
import { TicketAttachment, type TicketAttachmentItem } from '../db/entities/ticket-attachment.js';
import { isConditionalCheckFailed } from '../db/errors.js';
import { AppError, ConflictError, ForbiddenError, NotFoundError } from '../errors.js';
import { s3 } from '../aws/s3.js';
import { FileTooLargeError, FileTypeNotAllowedError } from '../uploads/errors.js';
import { detectType, displayFileName, type DetectedType } from '../uploads/file-types.js';
import { presignDownload, presignUpload, quarantineObject, type PresignedUpload } from '../uploads/s3-files.js';
import type { UploadRequest } from '../uploads/schemas.js';
import { loadTicketFor } from './access.js';
import {
  attachmentExtensions,
  blockedExtensions,
  defaultAttachmentLimits,
  type AttachmentView,
  type ListAttachmentsQuery,
} from './conversation-schemas.js';

const env = parseEnv(
  z.object({
    ATTACHMENTS_BUCKET: z.string().min(1).default('cloudmanager-attachments'),
    TICKET_ATTACHMENT_MAX_BYTES: z.coerce.number().int().positive().default(defaultAttachmentLimits.maxBytes),
    TICKET_ATTACHMENTS_PER_MESSAGE: z.coerce.number().int().positive().default(defaultAttachmentLimits.perMessage),
  }),
);

/** The limits in force (per stage, from the environment; defaults 20 MB and 10 files). */
export const attachmentLimits = { maxBytes: env.TICKET_ATTACHMENT_MAX_BYTES, perMessage: env.TICKET_ATTACHMENTS_PER_MESSAGE } as const;

export class TooManyAttachmentsError extends AppError {
  constructor(max: number) {
    super(400, 'too_many_attachments', `At most ${max} files per message`, { max });
  }
}

type Extension = keyof typeof attachmentExtensions;
const allowedNames = Object.keys(attachmentExtensions);

/** What the first bytes of each accepted type must look like; `text` = no magic number, readable text. */
const expectedContent: Record<Extension, DetectedType | 'text'> = {
  pdf: 'application/pdf',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
  txt: 'text',
  log: 'text',
  csv: 'text',
  docx: 'application/zip',
  xlsx: 'application/zip',
  pptx: 'application/zip',
  odt: 'application/zip',
  ods: 'application/zip',
  odp: 'application/zip',
};

/**
 * Checks a declared file before anything is written: size (`file_too_large`), then the name: no
 * blocked extension anywhere in it (`invoice.pdf.exe`, `run.sh.txt`), a last extension from the
 * accepted list (`file_type_not_allowed`). Returns the extension; the stored content type comes
 * from it, never from the client.
 */
export function checkDeclaredAttachment(input: { fileName: string; size: number }, maxBytes = attachmentLimits.maxBytes): Extension {
  if (input.size > maxBytes) throw new FileTooLargeError(maxBytes);
  const parts = displayFileName(input.fileName).toLowerCase().split('.').map((p) => p.trim());
  const extensions = parts.slice(1);
  const last = extensions.at(-1);
  if (extensions.some((e) => (blockedExtensions as readonly string[]).includes(e)) || !last || !allowedNames.includes(last)) {
    throw new FileTypeNotAllowedError(allowedNames);
  }
  return last as Extension;
}

/** Text files: valid UTF-8 with no control characters besides tab, CR, LF, form feed (a cut-off last character is fine). */
export function looksLikeText(bytes: Uint8Array, truncated: boolean): boolean {
  if (bytes.length === 0) return false;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(truncated ? bytes.subarray(0, trimPartial(bytes)) : bytes);
  } catch {
    return false;
  }
  return !/[\u0000-\u0008\u000b\u000e-\u001f\u007f]/.test(text);
}

/** Length without a UTF-8 sequence cut at the end of a partial read. */
function trimPartial(bytes: Uint8Array): number {
  let end = bytes.length;
  for (let back = 1; back <= 3 && end - back >= 0; back++) {
    const b = bytes[end - back]!;
    if ((b & 0xc0) === 0x80) continue;
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    if (need > back) end -= back;
    break;
  }
  return end;
}

/** Whether stored bytes are what the extension promised (executables never are). */
export function contentMatches(ext: Extension, bytes: Uint8Array, truncated: boolean): boolean {
  const detected = detectType(bytes);
  if (detected === 'executable') return false;
  const expected = expectedContent[ext];
  if (expected === 'text') return detected === 'unknown' && looksLikeText(bytes, truncated);
  return detected === expected;
}

const sniffBytes = 4096;

type Inspection = { ok: true; size: number } | { ok: false; reason: 'missing' } | { ok: false; reason: 'file_too_large' | 'file_type_not_allowed'; size: number };

/** Reads the stored object's real size and first bytes. */
async function inspect(key: string, ext: Extension): Promise<Inspection> {
  const { client, sdk } = await s3();
  let size: number;
  try {
    const head = await client.send(new sdk.HeadObjectCommand({ Bucket: env.ATTACHMENTS_BUCKET, Key: key }));
    size = head.ContentLength ?? 0;
  } catch (err) {
    const e = err as { name?: string; $metadata?: { httpStatusCode?: number } };
    if (e.name === 'NotFound' || e.name === 'NoSuchKey' || e.$metadata?.httpStatusCode === 404) return { ok: false, reason: 'missing' };
    throw err;
  }
  if (size > attachmentLimits.maxBytes) return { ok: false, reason: 'file_too_large', size };
  if (size === 0) return { ok: false, reason: 'file_type_not_allowed', size };
  const got = await client.send(new sdk.GetObjectCommand({ Bucket: env.ATTACHMENTS_BUCKET, Key: key, Range: `bytes=0-${sniffBytes - 1}` }));
  const bytes = got.Body ? await got.Body.transformToByteArray() : new Uint8Array();
  return contentMatches(ext, bytes, size > bytes.length) ? { ok: true, size } : { ok: false, reason: 'file_type_not_allowed', size };
}

/** The storage key: server-chosen, never derived from the file name. */
export const attachmentKey = (ticketId: string, attachmentId: string) => `tickets/${ticketId}/${attachmentId}`;

export function toAttachmentView(item: TicketAttachmentItem): AttachmentView {
  return {
    attachmentId: item.attachmentId,
    ticketId: item.ticketId,
    fileName: item.fileName,
    contentType: item.contentType,
    size: item.size,
    status: item.status,
    visibility: item.visibility,
    ...(item.messageId ? { messageId: item.messageId } : {}),
    uploadedBy: item.uploadedBy,
    createdAt: item.createdAt,
    ...(item.completedAt ? { completedAt: item.completedAt } : {}),
  };
}

/** What a customer user may see: checked files that are public (their own uploads, or posted with a reply). */
export const visibleToCustomer = (a: Pick<TicketAttachmentItem, 'status' | 'visibility'>) => a.status === 'available' && a.visibility === 'public';

const notFound = () => new NotFoundError('No such attachment');

async function readAttachment(ticketId: string, attachmentId: string): Promise<TicketAttachmentItem> {
  const { data } = await TicketAttachment.get({ ticketId, attachmentId }).go();
  if (!data) throw notFound();
  return data;
}

/**
 * Records an attachment awaiting its upload and answers a presigned POST for it. Refused before
 * anything is written: a file over the limit, a name that is not accepted, or more uploads in
 * flight (not yet completed or posted) than one message may carry.
 */
export async function createAttachment(actor: UserActor, ticketId: string, input: UploadRequest): Promise<{ attachment: AttachmentView; upload: PresignedUpload; maxPerMessage: number }> {
  const ext = checkDeclaredAttachment(input);
  const contentType = attachmentExtensions[ext];
  const ticket = await loadTicketFor(actor, ticketId, 'write');
  const { data: existing } = await TicketAttachment.query
    .byTicket({ ticketId })
    .where(({ uploadedBy, status, visibility }, { eq }) => `${eq(uploadedBy, actor.userId)} AND (${eq(status, 'awaiting_upload')} OR ${eq(visibility, 'pending')})`)
    .go({ pages: 'all' });
  const inFlight = existing.filter((a) => !a.messageId && (a.status === 'awaiting_upload' || (a.status === 'available' && a.visibility === 'pending')));
  if (inFlight.length >= attachmentLimits.perMessage) throw new TooManyAttachmentsError(attachmentLimits.perMessage);
  const attachmentId = timeSortableId();
  const s3Key = attachmentKey(ticket.ticketId, attachmentId);
  const upload = await presignUpload({ bucket: env.ATTACHMENTS_BUCKET, key: s3Key, maxBytes: attachmentLimits.maxBytes, contentType });
  const { data } = await TicketAttachment.create({
    ticketId: ticket.ticketId,
    attachmentId,
    fileName: displayFileName(input.fileName),
    contentType,
    size: input.size,
    s3Key,
    status: 'awaiting_upload',
    visibility: 'pending',
    uploadedBy: actor.userId,
    uploaderKind: actor.isStaff ? 'staff' : 'customer',
  }).go();
  return { attachment: toAttachmentView(data), upload, maxPerMessage: attachmentLimits.perMessage };
}

/** Only the uploader completes an upload: other customers are told it does not exist, other staff no. */
function requireUploader(actor: UserActor, attachment: TicketAttachmentItem): void {
  if (attachment.uploadedBy === actor.userId) return;
  if (actor.isStaff) throw new ForbiddenError('Only the uploader completes an upload');
  throw notFound();
}

/**
 * Checks the stored object (real size; first bytes = what the extension promised; never an
 * executable). Passed: available (a customer's upload is public from now on; a staff upload waits
 * to be posted with a reply or a note). Failed: the object goes to quarantine, the attachment is
 * marked quarantined (the only write) and the answer is 413/415. Nothing uploaded yet: 409
 * `upload_missing`, nothing written.
 */
export async function completeAttachment(actor: UserActor, ticketId: string, attachmentId: string): Promise<AttachmentView> {
  await loadTicketFor(actor, ticketId, 'write');
  const attachment = await readAttachment(ticketId, attachmentId);
  requireUploader(actor, attachment);
  if (attachment.status === 'available') return toAttachmentView(attachment);
  if (attachment.status === 'quarantined') throw new ConflictError('attachment_quarantined', 'This upload was refused and quarantined; upload the file again');
  const ext = checkDeclaredAttachment({ fileName: attachment.fileName, size: 1 });
  const result = await inspect(attachment.s3Key, ext);
  if (!result.ok && result.reason === 'missing') throw new ConflictError('upload_missing', 'No file was uploaded for this attachment yet');
  const awaiting = ({ status }: { status: unknown }, { eq }: { eq: (a: unknown, v: unknown) => string }) => eq(status, 'awaiting_upload');
  if (!result.ok) {
    await quarantineObject(env.ATTACHMENTS_BUCKET, attachment.s3Key);
    await TicketAttachment.patch({ ticketId, attachmentId })
      .set({ status: 'quarantined', quarantineReason: result.reason, size: result.size, version: attachment.version + 1 })
      .where(awaiting)
      .go()
      .catch((err: unknown) => {
        if (!isConditionalCheckFailed(err)) throw err;
      });
    throw result.reason === 'file_too_large' ? new FileTooLargeError(attachmentLimits.maxBytes) : new FileTypeNotAllowedError(allowedNames);
  }
  try {
    const { data } = await TicketAttachment.patch({ ticketId, attachmentId })
      .set({
        status: 'available',
        size: result.size,
        completedAt: new Date().toISOString(),
        visibility: actor.isStaff ? 'pending' : 'public',
        version: attachment.version + 1,
      })
      .where(awaiting)
      .go({ response: 'all_new' });
    return toAttachmentView(data);
  } catch (err) {
    if (!isConditionalCheckFailed(err)) throw err;
    const now = await readAttachment(ticketId, attachmentId);
    if (now.status !== 'available') throw new ConflictError('conflict', 'The attachment changed meanwhile; reload and try again');
    return toAttachmentView(now);
  }
}

/**
 * A ticket's attachments, oldest first. Staff see every one (quarantined included, for the
 * record); customer users only checked public ones — never those posted with an internal note.
 */
export async function listAttachments(actor: UserActor, ticketId: string, query: ListAttachmentsQuery): Promise<{ items: AttachmentView[]; cursor: string | null }> {
  const ticket = await loadTicketFor(actor, ticketId, 'read');
  const cursor = checkCursor(query.cursor);
  const base = TicketAttachment.query.byTicket({ ticketId: ticket.ticketId });
  const page = await withCursor(() =>
    actor.isStaff
      ? base.go({ count: query.limit, cursor })
      : base.where(({ status, visibility }, { eq }) => `${eq(status, 'available')} AND ${eq(visibility, 'public')}`).go({ count: query.limit, cursor }),
  );
  return { items: page.data.filter((a) => actor.isStaff || visibleToCustomer(a)).map(toAttachmentView), cursor: page.cursor };
}

/** A short-lived download link (attachment disposition) after the object check. */
export async function downloadAttachment(actor: UserActor, ticketId: string, attachmentId: string): Promise<{ url: string; expiresAt: string }> {
  await loadTicketFor(actor, ticketId, 'read');
  const attachment = await readAttachment(ticketId, attachmentId);
  if (!actor.isStaff && !visibleToCustomer(attachment)) throw notFound();
  if (attachment.status !== 'available') throw new ConflictError('attachment_unavailable', 'This attachment has no checked file to download');
  return presignDownload({ bucket: env.ATTACHMENTS_BUCKET, key: attachment.s3Key, fileName: attachment.fileName, contentType: attachment.contentType });
}

/**
 * The attachments a message may carry: each an available upload of this ticket by `actor`, not
 * posted yet; anything else is a 400 naming it. Reads them in one batch.
 */
export async function attachmentsForMessage(actor: UserActor, ticketId: string, attachmentIds: readonly string[]): Promise<TicketAttachmentItem[]> {
  if (attachmentIds.length > attachmentLimits.perMessage) throw new TooManyAttachmentsError(attachmentLimits.perMessage);
  if (attachmentIds.length === 0) return [];
  const { data, unprocessed } = await TicketAttachment.get(attachmentIds.map((attachmentId) => ({ ticketId, attachmentId }))).go();
  if (unprocessed.length) throw new Error('Attachment batch read left items unprocessed');
  const byId = new Map(data.map((a) => [a.attachmentId, a]));
  const bad = attachmentIds
    .map((id, index) => ({ id, index, a: byId.get(id) }))
    .filter(({ a }) => !a || a.uploadedBy !== actor.userId || a.status !== 'available' || a.messageId || a.visibility === 'internal');
  if (bad.length) {
    throw new AppError(400, 'invalid_attachment', 'Attach only files you uploaded to this ticket, checked and not posted yet', bad.map(({ id, index }) => ({ path: `attachmentIds.${index}`, message: `Attachment ${id} cannot be posted` })));
  }
  return attachmentIds.map((id) => byId.get(id)!);
}
