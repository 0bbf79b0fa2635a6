import { Entity, type EntityItem } from 'electrodb';
import { versioned } from '../attributes.js';
import { documentClient, tableName } from '../client.js';
import { lazy } from '../lazy.js';

/**
 * The organisation's SLA settings (one item, `settingsId = sla`): the default calendar of policies
 * without one of their own, and the ticket automation rules the `ticket-automation` sweep follows.
 */
export const SlaSettings = lazy(() => new Entity(
  {
    model: { entity: 'slaSettings', version: '1', service: 'cm' },
    attributes: {
      settingsId: { type: 'string', required: true, readOnly: true, default: 'sla' },
      defaultCalendarId: { type: 'string' },
      /** `{ enabled, afterDays, reopenDays }`. */
      autoClose: { type: 'any', required: true },
      /** `{ enabled, afterDays, resolveAfterDays }`. */
      waitingReminder: { type: 'any', required: true },
      ...versioned(),
    },
    indexes: {
      byId: {
        pk: { field: 'pk', composite: ['settingsId'] },
        sk: { field: 'sk', composite: [] },
      },
    },
  },
  { client: documentClient, table: tableName },
));

export type SlaSettingsItem = EntityItem<typeof SlaSettings>;
