import * as z from 'zod';
import { presignedUpload } from '../uploads/schemas.js';

/** Replies, internal notes, attachments and canned replies on tickets (issue 5, conversation). */

export const messageKinds = ['reply', 'note'] as const;
export const maxMessageLength = 20_000;

/**
 * Default attachment limits; the server reads its own from TICKET_ATTACHMENT_MAX_BYTES and
 * TICKET_ATTACHMENTS_PER_MESSAGE (shared/tickets/attachments.ts) and answers them with each upload.
 */
export const defaultAttachmentLimits = { maxBytes: 20 * 1024 * 1024, perMessage: 10 } as const;

/**
 * File name extensions accepted on tickets, each with the content type the upload must carry:
 * PDF, images, plain text, and office documents (zip containers). Everything else is refused,
 * executables and scripts above all (by name here, by their first bytes after the upload).
 */
export const attachmentExtensions = {
  pdf: 'application/pdf',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
  txt: 'text/plain',
  log: 'text/plain',
  csv: 'text/csv',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  odt: 'application/vnd.oasis.opendocument.text',
  ods: 'application/vnd.oasis.opendocument.spreadsheet',
  odp: 'application/vnd.oasis.opendocument.presentation',
} as const;

/** Executables and scripts: refused wherever they appear in a name (`invoice.pdf.exe`, `x.js.txt`). */
export const blockedExtensions = [
  'exe', 'bat', 'cmd', 'com', 'scr', 'msi', 'msp', 'msc', 'js', 'jse', 'mjs', 'cjs', 'vbs', 'vbe', 'wsf', 'wsh', 'hta',
  'ps1', 'psm1', 'psd1', 'sh', 'bash', 'zsh', 'csh', 'ksh', 'jar', 'apk', 'app', 'dll', 'sys', 'drv', 'cpl', 'ocx',
  'pif', 'lnk', 'reg', 'inf', 'scf', 'gadget', 'application', 'appx', 'msix', 'deb', 'rpm', 'dmg', 'pkg', 'run',
  'bin', 'elf', 'py', 'pyc', 'pl', 'rb', 'php', 'asp', 'aspx', 'jsp', 'cgi', 'action', 'command', 'workflow',
  'docm', 'xlsm', 'pptm', 'dotm', 'xltm', 'iso', 'img', 'vhd', 'vhdx',
] as const;

/** Variables a canned reply may use as `{{name}}`. */
export const templateVariableNames = [
  'customer_name', 'contact_name', 'ticket_number', 'ticket_subject', 'agent_name', 'company_name',
  'ticket_status', 'ticket_priority', 'requester_email',
] as const;
export type TemplateVariable = (typeof templateVariableNames)[number];

const tokenPattern = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** Every `{{...}}` token of a template, split into allowed variables and anything else. */
export function templateTokens(body: string): { variables: TemplateVariable[]; unknown: string[] } {
  const variables = new Set<TemplateVariable>();
  const unknown = new Set<string>();
  for (const m of body.matchAll(tokenPattern)) {
    const name = m[1] ?? '';
    if ((templateVariableNames as readonly string[]).includes(name)) variables.add(name as TemplateVariable);
    else unknown.add(name);
  }
  return { variables: [...variables], unknown: [...unknown] };
}

/**
 * Data-only rendering: each `{{name}}` token becomes its value as plain text, in one pass (a value
 * that itself looks like a token stays as written). No expressions, no code.
 */
export function renderTemplate(body: string, values: Partial<Record<TemplateVariable, string>>): string {
  return body.replace(tokenPattern, (token, name: string) => (Object.hasOwn(values, name) ? (values[name as TemplateVariable] ?? '') : token));
}

/** Server-made ids: letters, digits, - and _ (they become part of storage keys). */
const id = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/);
const cursor = z.string().min(1).max(4096).optional();

export const ticketMessagesPath = z.object({ ticketId: id }).strict();
export const ticketAttachmentPath = z.object({ ticketId: id, attachmentId: id }).strict();
export const cannedReplyPath = z.object({ cannedReplyId: id }).strict();

export const messageKind = z.enum(messageKinds);

/**
 * POST /tickets/{ticketId}/messages. `note` is staff-only. `attachmentIds`: checked uploads of this
 * ticket by the caller, not posted yet (at most the per-message limit: `too_many_attachments`).
 * `cannedReplyId`: the canned reply the client rendered (preview) into `body`; counted on post.
 * `version`: the ticket version the client saw; without it the server uses the current one.
 */
export const postMessage = z
  .object({
    kind: messageKind.default('reply'),
    body: z.string().trim().min(1).max(maxMessageLength),
    attachmentIds: z
      .array(id)
      .max(100)
      .default([])
      .refine((ids) => new Set(ids).size === ids.length, 'Each attachment once'),
    cannedReplyId: id.optional(),
    version: z.int().positive().optional(),
  })
  .strict()
  .meta({ id: 'PostTicketMessage' });

export const attachmentRef = z
  .object({ attachmentId: z.string(), fileName: z.string(), contentType: z.string(), size: z.int(), contentId: z.string().optional() })
  .meta({ id: 'TicketAttachmentRef' });

export const messageView = z
  .object({
    messageId: z.string(),
    ticketId: z.string(),
    kind: messageKind,
    body: z.string(),
    authorId: z.string(),
    authorName: z.string(),
    authorKind: z.enum(['staff', 'customer']),
    attachments: z.array(attachmentRef),
    /** Staff only. */
    mentionedUserIds: z.array(z.string()).optional(),
    /** Staff only. */
    cannedReplyId: z.string().optional(),
    /** `email` for messages that arrived by mail. */
    channel: z.enum(['web', 'email']).optional(),
    fromEmail: z.string().optional(),
    fromName: z.string().optional(),
    /** An email's own subject, as received. */
    subject: z.string().optional(),
    cc: z.array(z.string()).optional(),
    /** Sanitised HTML of an email; render only in a sandboxed frame. Remote images carry `data-remote-src`. */
    html: z.string().optional(),
    hasRemoteImages: z.boolean().optional(),
    /** Where quoted history starts in `body`. */
    quoteStart: z.int().optional(),
    /** Staff only: SPF/DKIM/DMARC/spam/virus verdicts. */
    verdicts: z.object({ spam: z.string(), virus: z.string(), spf: z.string(), dkim: z.string(), dmarc: z.string() }).partial().optional(),
    /** Staff only: the received mail (GET .../original downloads it). */
    inboundId: z.string().optional(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'TicketMessage' });

export const postMessageResult = z
  .object({
    /** The ticket the message went to, with its status and version after the post. */
    ticketId: z.string(),
    status: z.string(),
    version: z.int(),
    /** Null when the reply opened a follow-up ticket instead (it became that ticket's description). */
    message: messageView.nullable(),
    followUpTicketId: z.string().optional(),
  })
  .meta({ id: 'PostTicketMessageResult' });

export const listMessagesQuery = z
  .object({
    /** Staff: only replies or only notes. Customers only ever get replies. */
    kind: messageKind.optional(),
    cursor,
    limit: z.coerce.number().int().min(1).max(100).default(50),
  })
  .strict();

export const messagePage = z.object({ items: z.array(messageView), cursor: z.string().nullable() }).meta({ id: 'TicketMessagePage' });

export const attachmentStatus = z.enum(['awaiting_upload', 'available', 'quarantined']);
export const attachmentVisibility = z.enum(['pending', 'public', 'internal']);

export const attachmentView = z
  .object({
    attachmentId: z.string(),
    ticketId: z.string(),
    fileName: z.string(),
    contentType: z.string(),
    size: z.int(),
    status: attachmentStatus,
    /** `pending`: a staff upload not posted yet; `internal`: posted with a note (staff only). */
    visibility: attachmentVisibility,
    messageId: z.string().optional(),
    uploadedBy: z.string(),
    createdAt: z.iso.datetime(),
    completedAt: z.iso.datetime().optional(),
  })
  .meta({ id: 'TicketAttachment' });

export const attachmentUpload = z
  .object({ attachment: attachmentView, upload: presignedUpload, maxPerMessage: z.int() })
  .meta({ id: 'TicketAttachmentUpload', description: 'POST `upload.fields`, then the file as the last form field `file`, to `upload.url`; then call complete.' });

export const listAttachmentsQuery = z.object({ cursor, limit: z.coerce.number().int().min(1).max(100).default(50) }).strict();

export const attachmentPage = z
  .object({ items: z.array(attachmentView), cursor: z.string().nullable() })
  .meta({ id: 'TicketAttachmentPage' });

const title = z.string().trim().min(1).max(120);
const templateBody = z.string().trim().min(1).max(maxMessageLength);

export const createCannedReply = z
  .object({ title, body: templateBody, categoryId: id.optional() })
  .strict()
  .meta({ id: 'CreateCannedReply' });

/** `categoryId: null` files it under no category. */
export const updateCannedReply = z
  .object({ title: title.optional(), body: templateBody.optional(), categoryId: id.nullable().optional(), version: z.int().positive() })
  .strict()
  .meta({ id: 'UpdateCannedReply' });

export const cannedReplyView = z
  .object({
    cannedReplyId: z.string(),
    title: z.string(),
    body: z.string(),
    variables: z.array(z.string()),
    categoryId: z.string().optional(),
    usageCount: z.int(),
    createdBy: z.string(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    version: z.int(),
  })
  .meta({ id: 'CannedReply' });

export const listCannedRepliesQuery = z
  .object({
    /** Title prefix (case-insensitive). */
    q: z.string().trim().min(1).max(120).optional(),
    categoryId: id.optional(),
    cursor,
    limit: z.coerce.number().int().min(1).max(100).default(50),
  })
  .strict();

export const cannedReplyPage = z.object({ items: z.array(cannedReplyView), cursor: z.string().nullable() }).meta({ id: 'CannedReplyPage' });

export const previewCannedReply = z.object({ ticketId: id }).strict().meta({ id: 'PreviewCannedReply' });

export const cannedReplyPreview = z
  .object({ text: z.string(), values: z.record(z.string(), z.string()) })
  .meta({ id: 'CannedReplyPreview', description: 'The body rendered for that ticket (plain text); post it with `cannedReplyId` to count the use.' });

export const noContent = z.void();

export type PostMessage = z.output<typeof postMessage>;
export type MessageView = z.input<typeof messageView>;
export type PostMessageResult = z.input<typeof postMessageResult>;
export type ListMessagesQuery = z.output<typeof listMessagesQuery>;
export type AttachmentView = z.input<typeof attachmentView>;
export type ListAttachmentsQuery = z.output<typeof listAttachmentsQuery>;
export type CreateCannedReply = z.output<typeof createCannedReply>;
export type UpdateCannedReply = z.output<typeof updateCannedReply>;
export type CannedReplyView = z.input<typeof cannedReplyView>;
export type ListCannedRepliesQuery = z.output<typeof listCannedRepliesQuery>;
