import * as z from 'zod';

/** What a customer proves with a KYC document. `identity` = national ID card or passport. */
export const kycDocTypes = ['identity', 'business_registration', 'tax_certificate', 'proof_of_address', 'other'] as const;
export const kycDocType = z.enum(kycDocTypes);
export type KycDocType = z.infer<typeof kycDocType>;

export const customerTypes = ['individual', 'corporate'] as const;
export type CustomerType = (typeof customerTypes)[number];

/**
 * awaiting_upload → pending_review (file inspected) or quarantined (file refused);
 * pending_review → approved | rejected | superseded (a newer upload of the same type);
 * approved → expired (the expiry schedule).
 */
export const kycStatuses = ['awaiting_upload', 'pending_review', 'approved', 'rejected', 'expired', 'superseded', 'quarantined'] as const;
export const kycStatus = z.enum(kycStatuses);
export type KycStatus = z.infer<typeof kycStatus>;

/** Same limits as shared/uploads: kept here as plain constants so the web form can use this schema. */
export const kycFileExtensions = ['.pdf', '.jpg', '.jpeg', '.png'] as const;

const isoDate = z.iso.date();

export const kycRequirements = z
  .object({
    individual: z.array(kycDocType).max(kycDocTypes.length),
    corporate: z.array(kycDocType).max(kycDocTypes.length),
  })
  .strict();

export const kycRequirementsView = kycRequirements
  .extend({ version: z.int(), updatedAt: z.iso.datetime().optional() })
  .meta({ id: 'KycRequirements' });

export const updateKycRequirements = kycRequirements
  .extend({ version: z.int().positive() })
  .strict()
  .meta({ id: 'UpdateKycRequirements' });

export const customerPath = z.object({ customerId: z.string().min(1).max(64) });
export const documentPath = customerPath.extend({ documentId: z.string().min(1).max(64) });

export const createKycUpload = z
  .object({
    docType: kycDocType,
    fileName: z.string().trim().min(1).max(255),
    contentType: z.string().trim().min(1).max(100),
    size: z.int().positive(),
    /** When the document stops being valid (YYYY-MM-DD); must be in the future. */
    expiresOn: isoDate.optional(),
  })
  .strict()
  .meta({ id: 'CreateKycUpload' });

export const approveKycDocument = z
  .object({
    internalNote: z.string().trim().max(2000).optional(),
    /** Staff may set or correct the expiry date read on the document. */
    expiresOn: isoDate.optional(),
    version: z.int().positive(),
  })
  .strict()
  .meta({ id: 'ApproveKycDocument' });

export const rejectKycDocument = z
  .object({
    /** Shown to the customer and sent to them by email. */
    reason: z.string().trim().min(1).max(1000),
    internalNote: z.string().trim().max(2000).optional(),
    version: z.int().positive(),
  })
  .strict()
  .meta({ id: 'RejectKycDocument' });

/** A document as the customer sees it; staff also get the reviewer and the internal note. */
export const kycDocumentView = z
  .object({
    documentId: z.string(),
    customerId: z.string(),
    docType: kycDocType,
    status: kycStatus,
    fileName: z.string(),
    contentType: z.string(),
    size: z.int(),
    expiresOn: isoDate.optional(),
    reason: z.string().optional(),
    uploadedAt: z.iso.datetime(),
    statusAt: z.iso.datetime(),
    reviewedAt: z.iso.datetime().optional(),
    version: z.int(),
    uploadedBy: z.string().optional(),
    reviewedBy: z.string().optional(),
    internalNote: z.string().optional(),
  })
  .meta({ id: 'KycDocument' });

export const kycSummaryView = z
  .object({
    required: z.array(kycDocType),
    missing: z.array(kycDocType),
    pending: z.array(kycDocType),
    rejected: z.array(kycDocType),
    expired: z.array(kycDocType),
    complete: z.boolean(),
  })
  .meta({ id: 'KycSummary' });

export const customerKyc = z
  .object({
    customerId: z.string(),
    customerType: z.enum(customerTypes),
    summary: kycSummaryView,
    documents: z.array(kycDocumentView),
  })
  .meta({ id: 'CustomerKyc' });

export const kycUploadStarted = z
  .object({
    document: kycDocumentView,
    upload: z.object({
      url: z.url(),
      fields: z.record(z.string(), z.string()),
      maxBytes: z.int(),
      expiresAt: z.iso.datetime(),
    }),
  })
  .meta({ id: 'KycUploadStarted', description: 'POST `upload.fields`, then the file as the last form field `file`, to `upload.url`; then call complete.' });

export const reviewQueueQuery = z
  .object({
    cursor: z.string().min(1).max(2048).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(25),
  })
  .strict();

export const reviewQueueItem = kycDocumentView.extend({ customerName: z.string() }).meta({ id: 'KycReviewQueueItem' });
export const reviewQueuePage = z.object({ items: z.array(reviewQueueItem), cursor: z.string().nullable() }).meta({ id: 'KycReviewQueuePage' });

export type KycRequirements = z.infer<typeof kycRequirements>;
export type KycRequirementsView = z.infer<typeof kycRequirementsView>;
export type CreateKycUpload = z.infer<typeof createKycUpload>;
export type KycDocumentView = z.infer<typeof kycDocumentView>;
export type KycSummary = z.infer<typeof kycSummaryView>;
export type CustomerKyc = z.infer<typeof customerKyc>;
export type ReviewQueueItem = z.infer<typeof reviewQueueItem>;
