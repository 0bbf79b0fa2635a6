import { Entity, type EntityItem } from 'electrodb';
import { documentClient, tableName } from '../client.js';
import { lazy } from '../lazy.js';

/**
 * Marks one notification as handled (its dedupe key, e.g. `<eventId>#<recipient>`): claimed with a
 * condition before sending, so a stream retry never mails twice. Expires after 30 days (TTL).
 */
export const NotificationSent = lazy(() => new Entity(
  {
    model: { entity: 'notificationSent', version: '1', service: 'cm' },
    attributes: {
      dedupeKey: { type: 'string', required: true, readOnly: true },
      /** sent | suppressed | loop_guarded (what happened to it). */
      outcome: { type: 'string' },
      /** SES message id once sent. */
      sesMessageId: { type: 'string' },
      createdAt: { type: 'string', required: true, readOnly: true, default: () => new Date().toISOString() },
      /** Epoch seconds (table TTL). */
      expiresAt: { type: 'number', required: true },
    },
    indexes: {
      byKey: {
        pk: { field: 'pk', composite: ['dedupeKey'] },
        sk: { field: 'sk', composite: [] },
      },
    },
  },
  { client: documentClient, table: tableName },
));

export type NotificationSentItem = EntityItem<typeof NotificationSent>;
