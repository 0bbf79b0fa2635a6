import { Entity, type EntityItem } from 'electrodb';
import { lazy } from '../lazy.js';
import { versioned } from '../attributes.js';
import { documentClient, tableName } from '../client.js';

/**
 * A document kept on a customer account (contract, agreement, ...), stored in the attachments
 * bucket under the server-chosen `s3Key`. Moves awaiting_upload → available (the stored object
 * passed the size and type checks) or → quarantined (it did not; the object was moved aside).
 * Lives in the customer's partition; the document id is time-sortable. Soft-deleted with
 * `deletedAt`/`deletedBy`; edits are conditioned on `version`.
 */
export const CustomerDocument = lazy(() => new Entity(
  {
    model: { entity: 'customerDocument', version: '1', service: 'cm' },
    attributes: {
      customerId: { type: 'string', required: true, readOnly: true },
      documentId: { type: 'string', required: true, readOnly: true },
      category: { type: ['contract', 'agreement', 'id_copy', 'correspondence', 'invoice_copy', 'other'] as const, required: true },
      title: { type: 'string', required: true },
      /** Display name only (cleaned); never part of the storage key. */
      fileName: { type: 'string', required: true, readOnly: true },
      contentType: { type: 'string', required: true, readOnly: true },
      /** Declared size, replaced by the stored object's real size on completion. */
      size: { type: 'number', required: true },
      sharedWithCustomer: { type: 'boolean', required: true, default: false },
      status: { type: ['awaiting_upload', 'available', 'quarantined'] as const, required: true, default: 'awaiting_upload' },
      s3Key: { type: 'string', required: true, readOnly: true },
      uploadedBy: { type: 'string', required: true, readOnly: true },
      uploaderName: { type: 'string', required: true, readOnly: true },
      completedAt: { type: 'string' },
      quarantinedAt: { type: 'string' },
      /** `file_too_large` or `file_type_not_allowed`. */
      quarantineReason: { type: 'string' },
      deletedAt: { type: 'string' },
      deletedBy: { type: 'string' },
      ...versioned(),
    },
    indexes: {
      byCustomer: {
        pk: { field: 'pk', composite: ['customerId'] },
        sk: { field: 'sk', composite: ['documentId'] },
      },
    },
  },
  { client: documentClient, table: tableName },
));

export type CustomerDocumentItem = EntityItem<typeof CustomerDocument>;
