import { Entity, type EntityItem } from 'electrodb';
import { versioned } from '../attributes.js';
import { documentClient, tableName } from '../client.js';
import { lazy } from '../lazy.js';

/**
 * A file attached to a ticket, stored in the attachments bucket under the server-chosen `s3Key`
 * (`tickets/<ticketId>/<attachmentId>`). Status: awaiting_upload → available (the stored object
 * passed the size and type checks) or → quarantined. Visibility: a customer's upload is `public`
 * once checked; a staff upload is `pending` until posted with a reply (`public`) or a note
 * (`internal`, never shown to customers). Lives in the ticket's partition; ids are time-sortable.
 */
export const TicketAttachment = lazy(() => new Entity(
  {
    model: { entity: 'ticketAttachment', version: '1', service: 'cm' },
    attributes: {
      ticketId: { type: 'string', required: true, readOnly: true },
      attachmentId: { type: 'string', required: true, readOnly: true },
      /** Display name only (cleaned); never part of the storage key. */
      fileName: { type: 'string', required: true, readOnly: true },
      contentType: { type: 'string', required: true, readOnly: true },
      /** Declared size, replaced by the stored object's real size on completion. */
      size: { type: 'number', required: true },
      s3Key: { type: 'string', required: true, readOnly: true },
      status: { type: ['awaiting_upload', 'available', 'quarantined'] as const, required: true, default: 'awaiting_upload' },
      visibility: { type: ['pending', 'public', 'internal'] as const, required: true, default: 'pending' },
      uploadedBy: { type: 'string', required: true, readOnly: true },
      uploaderKind: { type: ['staff', 'customer'] as const, required: true, readOnly: true },
      /** The message it was posted with. */
      messageId: { type: 'string' },
      completedAt: { type: 'string' },
      /** Email parts: `inline` images referenced from the HTML as `cid:<contentId>`. */
      disposition: { type: ['attachment', 'inline'] as const, readOnly: true },
      contentId: { type: 'string', readOnly: true },
      /** `file_too_large` or `file_type_not_allowed`. */
      quarantineReason: { type: 'string' },
      ...versioned(),
    },
    indexes: {
      byTicket: {
        pk: { field: 'pk', composite: ['ticketId'] },
        sk: { field: 'sk', composite: ['attachmentId'] },
      },
    },
  },
  { client: documentClient, table: tableName },
));

export type TicketAttachmentItem = EntityItem<typeof TicketAttachment>;
