import { Entity, type EntityItem } from 'electrodb';
import { versioned } from '../attributes.js';
import { documentClient, tableName } from '../client.js';
import { lazy } from '../lazy.js';

/**
 * An admin's override of one notification template in one language (subject + body with
 * `{{variable}}` placeholders). Without one the built-in default applies (shared/notifications/templates.ts).
 */
export const MailTemplate = lazy(() => new Entity(
  {
    model: { entity: 'mailTemplate', version: '1', service: 'cm' },
    attributes: {
      event: { type: 'string', required: true, readOnly: true },
      language: { type: ['en', 'fr', 'ar'] as const, required: true, readOnly: true },
      subject: { type: 'string', required: true },
      body: { type: 'string', required: true },
      updatedBy: { type: 'string', required: true },
      ...versioned(),
    },
    indexes: {
      byEvent: {
        pk: { field: 'pk', composite: ['event'] },
        sk: { field: 'sk', composite: ['language'] },
      },
    },
  },
  { client: documentClient, table: tableName },
));

export type MailTemplateItem = EntityItem<typeof MailTemplate>;
