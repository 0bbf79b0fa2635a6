import { Entity, type EntityItem } from 'electrodb';
import { documentClient, tableName } from '../client.js';
import { lazy } from '../lazy.js';

/**
 * One message of a ticket's conversation: a public `reply` (staff or customer) or an internal
 * `note` (staff only, never shown to customers). Lives in the ticket's partition, oldest first.
 * Messages are never edited; email messages also keep sender, sanitised HTML and verdicts. The attachments linked when it was posted are copied onto it so a
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
            /** Inline email images: the `cid:` the HTML refers to. */
            contentId: { type: 'string' },
          },
        },
      },
      /** Staff mentioned with `@handle` or `@email` in a note (each was emailed). */
      mentionedUserIds: { type: 'list', readOnly: true, items: { type: 'string' } },
      /** The canned reply the text came from (its usage count was incremented). */
      cannedReplyId: { type: 'string', readOnly: true },
      /** How it arrived: through the app (absent) or by email. */
      channel: { type: ['web', 'email'] as const, readOnly: true },
      /** Email messages: the inbound mail record (raw MIME, verdicts) this came from. */
      inboundId: { type: 'string', readOnly: true },
      fromEmail: { type: 'string', readOnly: true },
      /** The email's own subject, as received (a ticket keeps its first subject, capped at 200). */
      subject: { type: 'string', readOnly: true },
      fromName: { type: 'string', readOnly: true },
      cc: { type: 'list', readOnly: true, items: { type: 'string' } },
      /** Sanitised HTML of an email (allowlist; remote images disabled until an agent allows them). */
      html: { type: 'string', readOnly: true },
      hasRemoteImages: { type: 'boolean', readOnly: true },
      /** Where quoted history starts in `body` (characters); the UI collapses from there. Absent: nothing quoted. */
      quoteStart: { type: 'number', readOnly: true },
      /** SPF/DKIM/DMARC/spam/virus verdicts of an email, shown to agents. */
      verdicts: {
        type: 'map',
        readOnly: true,
        properties: { spam: { type: 'string' }, virus: { type: 'string' }, spf: { type: 'string' }, dkim: { type: 'string' }, dmarc: { type: 'string' } },
      },
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
