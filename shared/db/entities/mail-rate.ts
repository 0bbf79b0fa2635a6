import { Entity, type EntityItem } from 'electrodb';
import { documentClient, tableName } from '../client.js';
import { lazy } from '../lazy.js';

/**
 * How many automatic mails one address received in one clock hour (the mail loop guard): an
 * atomic ADD per send, read back from the update. Expires two hours after its hour (TTL).
 */
export const MailRate = lazy(() => new Entity(
  {
    model: { entity: 'mailRate', version: '1', service: 'cm' },
    attributes: {
      /** Lowercased address. */
      email: { type: 'string', required: true, readOnly: true },
      /** `YYYY-MM-DDTHH` (UTC). */
      hour: { type: 'string', required: true, readOnly: true },
      count: { type: 'number', required: true, default: 0 },
      /** Epoch seconds (table TTL). */
      expiresAt: { type: 'number', required: true },
    },
    indexes: {
      byEmailHour: {
        pk: { field: 'pk', composite: ['email'] },
        sk: { field: 'sk', composite: ['hour'] },
      },
    },
  },
  { client: documentClient, table: tableName },
));

export type MailRateItem = EntityItem<typeof MailRate>;
