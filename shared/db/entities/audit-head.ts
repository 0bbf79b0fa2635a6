import { Entity, type EntityItem } from 'electrodb';
import { lazy } from '../lazy.js';
import { documentClient, tableName } from '../client.js';

/**
 * The head of one day's audit chain: the last record's `seq` and `hash`. Moved in the same
 * transaction as each record put, on the condition that `seq` is still the one read, so two
 * writers can never both append after the same record.
 */
export const AuditHead = lazy(() => new Entity(
  {
    model: { entity: 'auditHead', version: '1', service: 'cm' },
    attributes: {
      day: { type: 'string', required: true, readOnly: true },
      seq: { type: 'number', required: true },
      hash: { type: 'string', required: true },
      /** Constant partition for listing the days that have records. */
      feed: { type: 'string', required: true, default: 'auditDays', readOnly: true },
    },
    indexes: {
      byDay: {
        pk: { field: 'pk', composite: ['day'] },
        sk: { field: 'sk', composite: [] },
      },
      byFeed: {
        index: 'gsi1',
        pk: { field: 'gsi1pk', composite: ['feed'] },
        sk: { field: 'gsi1sk', composite: ['day'] },
      },
    },
  },
  { client: documentClient, table: tableName },
));

export type AuditHeadItem = EntityItem<typeof AuditHead>;
