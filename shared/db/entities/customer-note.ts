import { Entity, type EntityItem } from 'electrodb';
import { lazy } from '../lazy.js';
import { versioned } from '../attributes.js';
import { documentClient, tableName } from '../client.js';

/**
 * An internal note on a customer account (staff only). Lives in the customer's partition; the
 * note id is time-sortable, so `noteId` order is creation order. Soft-deleted notes keep their
 * text with `deletedAt`/`deletedBy`. Edits are conditioned on `version`.
 */
export const CustomerNote = lazy(() => new Entity(
  {
    model: { entity: 'customerNote', version: '1', service: 'cm' },
    attributes: {
      customerId: { type: 'string', required: true, readOnly: true },
      noteId: { type: 'string', required: true, readOnly: true },
      type: { type: ['general', 'call', 'meeting', 'billing', 'technical', 'complaint', 'follow_up'] as const, required: true },
      body: { type: 'string', required: true },
      pinned: { type: 'boolean', required: true, default: false },
      /** `1` pinned, `0` not: the list index sorts pinned notes first (descending). */
      pinRank: { type: ['0', '1'] as const, required: true, default: '0' },
      authorId: { type: 'string', required: true, readOnly: true },
      /** Copied from the author's user record when written, for lists without a second read. */
      authorName: { type: 'string', required: true, readOnly: true },
      editedAt: { type: 'string' },
      editedBy: { type: 'string' },
      deletedAt: { type: 'string' },
      deletedBy: { type: 'string' },
      ...versioned(),
    },
    indexes: {
      byCustomer: {
        pk: { field: 'pk', composite: ['customerId'] },
        sk: { field: 'sk', composite: ['noteId'] },
      },
      /** A customer's notes, pinned first, then newest first (descending). */
      byPin: {
        index: 'gsi1',
        pk: { field: 'gsi1pk', composite: ['customerId'] },
        sk: { field: 'gsi1sk', composite: ['pinRank', 'noteId'] },
      },
      /** A customer's notes of one type, same order. */
      byType: {
        index: 'gsi2',
        pk: { field: 'gsi2pk', composite: ['customerId', 'type'] },
        sk: { field: 'gsi2sk', composite: ['pinRank', 'noteId'] },
      },
    },
  },
  { client: documentClient, table: tableName },
));

export type CustomerNoteItem = EntityItem<typeof CustomerNote>;
