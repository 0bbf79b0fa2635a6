import { Entity, type EntityItem } from 'electrodb';
import { documentClient, tableName } from '../client.js';
import { lazy } from '../lazy.js';

/**
 * One message of a ticket's conversation: a public `reply` (staff or customer) or an internal
 * `note` (staff only, never shown to customers). Lives in the ticket's partition, oldest first.
 * Messages are never edited; the attachments linked when it was posted are copied onto it so a
 * conversation page is one query.
 */
export const TicketMessage = lazy(() => new Entity(
  {
    model: { entity: 'ticketMessage', version: '1', service: 'cm' },
    attributes: {
      ticketId: { type: 'string', required: true, readOnly: true },
      messageId: { type: 'string', required: true, readOnly: true },
      createdAt: { type: 'string', required: true, readOnly: true },
      kind: { type: ['reply', 'note'] as const, required: true, readOnly: true },
      body: { type: 'string', required: true, readOnly: true },
      authorId: { type: 'string', required: true, readOnly: true },
      authorName: { type: 'string', required: true, readOnly: true },
      authorKind: { type: ['staff', 'customer'] as const, required: true, readOnly: true },
      attachments: {
        type: 'list',
        readOnly: true,
        items: {
          type: 'map',
          properties: {
            attachmentId: { type: 'string', required: true },
            fileName: { type: 'string', required: true },
            contentType: { type: 'string', required: true },
            size: { type: 'number', required: true },
          },
        },
      },
      /** Staff mentioned with `@handle` or `@email` in a note (each was emailed). */
      mentionedUserIds: { type: 'list', readOnly: true, items: { type: 'string' } },
      /** The canned reply the text came from (its usage count was incremented). */
      cannedReplyId: { type: 'string', readOnly: true },
    },
    indexes: {
      byTicket: {
        pk: { field: 'pk', composite: ['ticketId'] },
        sk: { field: 'sk', composite: ['createdAt', 'messageId'] },
      },
    },
  },
  { client: documentClient, table: tableName },
));

export type TicketMessageItem = EntityItem<typeof TicketMessage>;
