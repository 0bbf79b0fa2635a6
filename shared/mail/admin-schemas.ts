import * as z from 'zod';

// Mail admin API: mailboxes and policy, suppression list, spam/quarantine review, original
// message download. Zod only: the web app imports these for its forms.

export const unknownSenderPolicies = ['lead', 'guest', 'reject'] as const;
export const mailboxLimits = { min: 1, max: 20 } as const;
export const autoMailsPerHourLimits = { min: 1, max: 100 } as const;
export const maxMessageBytesLimits = { min: 1024 * 1024, max: 40 * 1024 * 1024 } as const;
/** Held mail: by the spam check, by the virus scan, or because processing failed (kept for another run). */
export const reviewKinds = ['spam', 'quarantined', 'failed'] as const;

const id = z.string().trim().min(1).max(64);
const cursor = z.string().min(1).max(2048).optional();

/** A lowercased email address. */
export const mailAddress = z.string().trim().toLowerCase().max(254).pipe(z.email());

/** A mailbox address: no `+` in the local part (`+<token>` is how replies are threaded). */
export const mailboxAddress = mailAddress.refine((a) => !a.slice(0, a.lastIndexOf('@')).includes('+'), {
  message: 'A mailbox address cannot contain "+" before the @',
});

export const mailboxInput = z
  .object({
    address: mailboxAddress,
    groupId: id,
    categoryId: id,
    name: z.string().trim().min(1).max(120).optional(),
  })
  .strict();

export const updateMailSettings = z
  .object({
    mailboxes: z.array(mailboxInput).min(mailboxLimits.min).max(mailboxLimits.max),
    unknownSender: z.enum(unknownSenderPolicies),
    autoMailsPerHour: z.int().min(autoMailsPerHourLimits.min).max(autoMailsPerHourLimits.max),
    maxMessageBytes: z.int().min(maxMessageBytesLimits.min).max(maxMessageBytesLimits.max),
    /** The version read (0 when nothing was saved yet); a moved-on version answers `conflict`. */
    version: z.int().min(0),
  })
  .strict()
  .superRefine((value, ctx) => {
    const seen = new Map<string, number>();
    value.mailboxes.forEach((m, index) => {
      if (seen.has(m.address)) {
        ctx.addIssue({ code: 'custom', path: ['mailboxes', index, 'address'], message: `Same address as mailbox ${seen.get(m.address)! + 1}` });
      } else seen.set(m.address, index);
    });
  })
  .meta({ id: 'UpdateMailSettings' });

export const mailboxView = z.object({
  address: z.string(),
  groupId: z.string(),
  categoryId: z.string(),
  name: z.string().optional(),
  /** Null when the group or category no longer exists. */
  groupName: z.string().nullable(),
  categoryName: z.string().nullable(),
  categoryActive: z.boolean(),
});

export const mailSettingsView = z
  .object({
    mailboxes: z.array(mailboxView),
    unknownSender: z.enum(unknownSenderPolicies),
    autoMailsPerHour: z.int(),
    maxMessageBytes: z.int(),
    /** 0 = nothing saved yet (defaults shown). */
    version: z.int().min(0),
    updatedAt: z.iso.datetime().optional(),
    updatedBy: z.string().optional(),
  })
  .meta({ id: 'MailSettings' });

export const suppressionReason = z.enum(['bounce', 'complaint', 'manual']);

export const suppressionView = z
  .object({
    email: z.string(),
    reason: suppressionReason,
    detail: z.string().optional(),
    sourceId: z.string().optional(),
    createdBy: z.string().optional(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'MailSuppression' });

export const listSuppressionsQuery = z
  .object({
    /** Exact lookup of one address. */
    email: mailAddress.optional(),
    cursor,
    limit: z.coerce.number().int().min(1).max(100).default(25),
  })
  .strict();

export const suppressionPage = z
  .object({ items: z.array(suppressionView), cursor: z.string().nullable() })
  .meta({ id: 'MailSuppressionPage' });

export const createSuppression = z
  .object({ email: mailAddress, note: z.string().trim().max(500).default('') })
  .strict()
  .meta({ id: 'CreateMailSuppression' });

const decoded = (v: unknown) => {
  if (typeof v !== 'string' || !v.includes('%')) return v;
  try {
    return decodeURIComponent(v);
  } catch {
    return v;
  }
};

export const suppressionPath = z.object({ email: z.preprocess(decoded, mailAddress) }).strict();

export const reviewKind = z.enum(reviewKinds);

export const listReviewQuery = z
  .object({
    kind: reviewKind,
    cursor,
    limit: z.coerce.number().int().min(1).max(100).default(25),
  })
  .strict();

const verdicts = z.object({
  spam: z.string().optional(),
  virus: z.string().optional(),
  spf: z.string().optional(),
  dkim: z.string().optional(),
  dmarc: z.string().optional(),
});

export const reviewItem = z
  .object({
    messageId: z.string(),
    kind: reviewKind,
    from: z.string().optional(),
    to: z.array(z.string()),
    subject: z.string().optional(),
    receivedAt: z.iso.datetime(),
    size: z.int(),
    verdicts,
    reason: z.string().optional(),
  })
  .meta({ id: 'MailReviewItem' });

export const reviewPage = z.object({ items: z.array(reviewItem), cursor: z.string().nullable() }).meta({ id: 'MailReviewPage' });

export const reviewDetail = reviewItem
  .extend({ download: z.object({ url: z.url(), expiresAt: z.iso.datetime() }) })
  .meta({ id: 'MailReviewDetail', description: 'A review item with a 60 s link to its raw message (.eml).' });

/** An SES message id, as SES (and the local listener) assigns them. */
const sesMessageId = z.string().regex(/^[A-Za-z0-9._-]{1,128}$/);
export const reviewPath = z.object({ messageId: sesMessageId }).strict();

/** Several held messages at once (a page of spam): at most 100, each once. */
export const deleteReviewBatch = z
  .object({
    messageIds: z
      .array(sesMessageId)
      .min(1)
      .max(100)
      .refine((ids) => new Set(ids).size === ids.length, 'Each message once'),
  })
  .strict()
  .meta({ id: 'DeleteMailReviewItems' });

export const deleteReviewBatchResult = z
  .object({
    deleted: z.array(z.string()),
    /** Not deleted, and why: unknown, or no longer awaiting review (released or deleted meanwhile). */
    skipped: z.array(z.object({ messageId: z.string(), code: z.enum(['not_found', 'not_in_review']) })),
  })
  .meta({ id: 'DeleteMailReviewItemsResult' });

export const releaseResult = z
  .object({
    messageId: z.string(),
    /** What the inbound pipeline did with it (`created`, `replied`, `ignored`, `rejected`, `failed`, ...). */
    outcome: z.string(),
    status: z.string(),
    ticketId: z.string().nullable(),
  })
  .meta({ id: 'MailReleaseResult' });

export const originalMessagePath = z.object({ ticketId: id, messageId: id }).strict();

export const noContent = z.void();

export type UpdateMailSettings = z.output<typeof updateMailSettings>;
export type MailSettingsView = z.input<typeof mailSettingsView>;
export type SuppressionView = z.input<typeof suppressionView>;
export type ListSuppressionsQuery = z.output<typeof listSuppressionsQuery>;
export type CreateSuppression = z.output<typeof createSuppression>;
export type ReviewItem = z.input<typeof reviewItem>;
export type ListReviewQuery = z.output<typeof listReviewQuery>;
export type ReleaseResult = z.input<typeof releaseResult>;
export type DeleteReviewBatchResult = z.output<typeof deleteReviewBatchResult>;
