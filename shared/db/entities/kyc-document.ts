import { Entity, type EntityItem } from 'electrodb';
import { lazy } from '../lazy.js';
import { kycDocTypes, kycStatuses } from '../../kyc/schemas.js';
import { versioned } from '../attributes.js';
import { documentClient, tableName } from '../client.js';

/**
 * One uploaded (or announced) KYC document of a customer, in the customer's partition. The file
 * lives in the KYC bucket under the server-chosen `key` (`kyc/<customerId>/<documentId>`).
 * Review decisions are conditioned on `version`. While an expiry reminder or the expiry itself is
 * still due, `duepk`/`duesk` place the document in the sparse `due` index (see shared/kyc/expiry.ts);
 * they are plain attributes set and removed in code, not an ElectroDB index.
 */
export const KycDocument = lazy(() => new Entity(
  {
    model: { entity: 'kycDocument', version: '1', service: 'cm' },
    attributes: {
      customerId: { type: 'string', required: true, readOnly: true },
      documentId: { type: 'string', required: true, readOnly: true },
      docType: { type: kycDocTypes, required: true, readOnly: true },
      status: { type: kycStatuses, required: true, default: 'awaiting_upload' },
      /** Display name only (displayFileName); never part of the key. */
      fileName: { type: 'string', required: true, readOnly: true },
      /** Declared at upload; replaced by the detected type once inspected. */
      contentType: { type: 'string', required: true },
      size: { type: 'number', required: true },
      key: { type: 'string', required: true, readOnly: true },
      expiresOn: { type: 'string' },
      uploadedBy: { type: 'string', required: true, readOnly: true },
      /** When the document entered its current status (the review queue sorts on it). */
      statusAt: { type: 'string', required: true },
      reviewedBy: { type: 'string' },
      reviewedAt: { type: 'string' },
      /** Customer-visible rejection reason. */
      reason: { type: 'string' },
      /** Staff only. */
      internalNote: { type: 'string' },
      /** Constant partition prefix of the status index (re-stated with every status change). */
      queue: { type: 'string', required: true, default: 'kyc' },
      duepk: { type: 'string', field: 'duepk' },
      duesk: { type: 'string', field: 'duesk' },
      ...versioned(),
    },
    indexes: {
      byCustomer: {
        pk: { field: 'pk', composite: ['customerId'] },
        sk: { field: 'sk', composite: ['documentId'] },
      },
      /** Documents in one status, oldest status change first (the review queue: `pending_review`). */
      byStatus: {
        index: 'gsi1',
        pk: { field: 'gsi1pk', composite: ['queue', 'status'] },
        sk: { field: 'gsi1sk', composite: ['statusAt', 'documentId'] },
      },
    },
  },
  { client: documentClient, table: tableName },
));

export type KycDocumentItem = EntityItem<typeof KycDocument>;
