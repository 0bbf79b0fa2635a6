import { createHash } from 'node:crypto';
import * as z from 'zod';
import { s3 } from '../aws/s3.js';
import { parseEnv } from '../config.js';
import { TicketAttachment } from '../db/entities/ticket-attachment.js';
import { attachmentKey, checkDeclaredAttachment, contentMatches } from '../tickets/attachments.js';
import { attachmentExtensions } from '../tickets/conversation-schemas.js';
import type { TransactItem } from '../tickets/store.js';
import { displayFileName } from '../uploads/file-types.js';
import { quarantineKey } from '../uploads/s3-files.js';
import type { ParsedAttachment } from './parsed.js';

const env = parseEnv(z.object({ ATTACHMENTS_BUCKET: z.string().min(1).default('cloudmanager-attachments') }));

/** Attachments linked to one mail message at most (the rest are kept in quarantine): the transaction holds ≤ 100 items. */
export const maxLinkedPerMail = 80;

/** What a message item lists for each linked attachment. */
export interface LinkedAttachment {
  attachmentId: string;
  fileName: string;
  contentType: string;
  size: number;
  contentId?: string;
}

export interface StoredAttachments {
  /** For the message's `attachments` list. */
  linked: LinkedAttachment[];
  /** TicketAttachment Puts of the linked files (and of the kept original HTML body): part of the message's transaction. */
  items: TransactItem[];
  /** Files refused by the type rules: stored under quarantine/ and recorded, never linked. */
  quarantined: { fileName: string; reason: string }[];
}

/** Deterministic, time-sortable ids: a re-run of the same mail writes the same keys. */
export function mailAttachmentId(receivedAt: string, inboundId: string, index: number): string {
  const stamp = receivedAt.replace(/[-:.TZ]/g, '');
  return `${stamp}-${createHash('sha256').update(`${inboundId}#${index}`).digest('hex').slice(0, 12)}`;
}

type Verdict = { ok: true; contentType: string } | { ok: false; reason: 'file_too_large' | 'file_type_not_allowed' | 'too_many_attachments' };

/** The helpdesk's upload rules applied to a mail part: size, name (no executables anywhere in it), content matching the extension. */
export function checkMailPart(part: Pick<ParsedAttachment, 'fileName' | 'content'>): Verdict {
  let ext: keyof typeof attachmentExtensions;
  try {
    ext = checkDeclaredAttachment({ fileName: part.fileName, size: part.content.byteLength });
  } catch (err) {
    return { ok: false, reason: (err as { code?: string }).code === 'file_too_large' ? 'file_too_large' : 'file_type_not_allowed' };
  }
  if (!contentMatches(ext, part.content, false)) return { ok: false, reason: 'file_type_not_allowed' };
  return { ok: true, contentType: attachmentExtensions[ext] };
}

export interface MailPart {
  fileName: string;
  contentType: string;
  disposition: 'attachment' | 'inline';
  contentId?: string | undefined;
  content: Uint8Array;
  /** Skip the type rules: the raw message of a broken mail, kept for agents as `original-message.eml`. */
  trusted?: boolean;
  /** The copy of the mail's own HTML body (`message.html`): kept for staff (internal), not linked to the message. */
  originalBody?: boolean | undefined;
}

/**
 * Stores a mail's parts in the attachments bucket: allowed ones at `attachmentKey(ticketId, id)`
 * (returned as transaction Puts, status available, public, already linked to `messageId`), refused
 * ones under `quarantine/` with a quarantined record written now (not linked to the message).
 */
export async function storeMailParts(input: {
  ticketId: string;
  messageId: string;
  inboundId: string;
  receivedAt: string;
  uploadedBy: string;
  parts: readonly MailPart[];
  /** A staff member's mail: their files, internal when the mail became an internal note. */
  staff?: { visibility: 'public' | 'internal' };
}): Promise<StoredAttachments> {
  const { client, sdk } = await s3();
  const out: StoredAttachments = { linked: [], items: [], quarantined: [] };
  for (const [index, part] of input.parts.entries()) {
    const attachmentId = mailAttachmentId(input.receivedAt, input.inboundId, index);
    const fileName = displayFileName(part.fileName) || `attachment-${index + 1}`;
    let verdict: Verdict = part.trusted || part.originalBody ? { ok: true, contentType: part.contentType } : checkMailPart({ fileName, content: part.content });
    if (verdict.ok && !part.originalBody && out.linked.length >= maxLinkedPerMail) verdict = { ok: false, reason: 'too_many_attachments' };
    const key = attachmentKey(input.ticketId, attachmentId);
    const s3Key = verdict.ok ? key : quarantineKey(key);
    const contentType = verdict.ok ? verdict.contentType : 'application/octet-stream';
    await client.send(new sdk.PutObjectCommand({ Bucket: env.ATTACHMENTS_BUCKET, Key: s3Key, Body: part.content, ContentType: contentType }));
    const record = {
      ticketId: input.ticketId,
      attachmentId,
      fileName,
      contentType,
      size: part.content.byteLength,
      s3Key,
      uploadedBy: input.uploadedBy,
      uploaderKind: input.staff ? ('staff' as const) : ('customer' as const),
      disposition: part.disposition,
      ...(part.contentId ? { contentId: part.contentId } : {}),
      completedAt: input.receivedAt,
    };
    if (!verdict.ok) {
      await TicketAttachment.put({ ...record, status: 'quarantined', visibility: 'internal', quarantineReason: verdict.reason }).go();
      out.quarantined.push({ fileName, reason: verdict.reason });
      continue;
    }
    if (part.originalBody) {
      out.items.push({ Put: TicketAttachment.put({ ...record, status: 'available', visibility: 'internal' }).params() as never });
      continue;
    }
    const params = TicketAttachment.put({ ...record, status: 'available', visibility: input.staff?.visibility ?? 'public', messageId: input.messageId }).params<Record<string, unknown>>();
    out.items.push({ Put: params as never });
    out.linked.push({ attachmentId, fileName, contentType, size: record.size, ...(part.contentId ? { contentId: part.contentId } : {}) });
  }
  return out;
}
