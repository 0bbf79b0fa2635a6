import { Entity, type EntityItem } from 'electrodb';
import { documentClient, tableName } from '../client.js';
import { lazy } from '../lazy.js';

/**
 * Finds the ticket an email belongs to. One item per key:
 * - `msgid`: a Message-ID (lowercased, without angle brackets) of any inbound or outbound mail of
 *   the ticket, including the id SES assigned on send;
 * - `token`: the ticket's reply token (`support+<token>@domain`).
 * Written with `attribute_not_exists(pk)`, so a key always points at the ticket that used it first.
 */
export const MailThreadKey = lazy(() => new Entity(
  {
    model: { entity: 'mailThreadKey', version: '1', service: 'cm' },
    attributes: {
      kind: { type: ['msgid', 'token'] as const, required: true, readOnly: true },
      value: { type: 'string', required: true, readOnly: true },
      ticketId: { type: 'string', required: true, readOnly: true },
      /** Where the key came from: an inbound mail, one of our notifications, or the ticket itself. */
      source: { type: ['inbound', 'outbound', 'ticket'] as const, required: true, readOnly: true },
    },
    indexes: {
      byKey: {
        pk: { field: 'pk', composite: ['kind', 'value'] },
        sk: { field: 'sk', composite: [] },
      },
    },
  },
  { client: documentClient, table: tableName },
));

export type MailThreadKeyItem = EntityItem<typeof MailThreadKey>;

/** `<Abc@Host>` → `abc@host`: the form Message-IDs are stored and looked up in. */
export function normaliseMessageId(id: string): string {
  return id.trim().replace(/^<|>$/g, '').trim().toLowerCase();
}
