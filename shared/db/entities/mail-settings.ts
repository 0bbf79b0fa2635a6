import { Entity, type EntityItem } from 'electrodb';
import { versioned } from '../attributes.js';
import { documentClient, tableName } from '../client.js';
import { lazy } from '../lazy.js';

/**
 * How received mail is handled, one item per organisation: the mailboxes (address → support
 * group and category), what to do with unknown senders, the loop guard and the size limit.
 * Read through shared/mail/settings.ts, which supplies defaults when the item does not exist.
 */
export const MailSettings = lazy(() => new Entity(
  {
    model: { entity: 'mailSettings', version: '1', service: 'cm' },
    attributes: {
      orgId: { type: 'string', required: true, readOnly: true },
      mailboxes: {
        type: 'list',
        required: true,
        items: {
          type: 'map',
          properties: {
            address: { type: 'string', required: true },
            groupId: { type: 'string', required: true },
            categoryId: { type: 'string', required: true },
            name: { type: 'string' },
          },
        },
      },
      unknownSender: { type: ['lead', 'guest', 'reject'] as const, required: true },
      /** Automatic mails (receipts, auto-replies, bounces) to one address per hour, at most. */
      autoMailsPerHour: { type: 'number', required: true },
      maxMessageBytes: { type: 'number', required: true },
      updatedBy: { type: 'string' },
      ...versioned(),
    },
    indexes: {
      byOrg: {
        pk: { field: 'pk', composite: ['orgId'] },
        sk: { field: 'sk', composite: [] },
      },
    },
  },
  { client: documentClient, table: tableName },
));

export type MailSettingsItem = EntityItem<typeof MailSettings>;
