import { Entity, type EntityItem } from 'electrodb';
import { lazy } from '../lazy.js';
import { documentClient, tableName } from '../client.js';

/**
 * Aggregate counters kept by the stream consumer (functions/streams): reports read these,
 * never whole partitions. `scope` names what is counted (e.g. `entity#organisation`).
 */
export const Counter = lazy(() => new Entity(
  {
    model: { entity: 'counter', version: '1', service: 'cm' },
    attributes: {
      scope: { type: 'string', required: true, readOnly: true },
      name: { type: 'string', required: true, readOnly: true },
      value: { type: 'number', required: true, default: 0 },
      updatedAt: { type: 'string', watch: '*', set: () => new Date().toISOString() },
    },
    indexes: {
      byScope: {
        pk: { field: 'pk', composite: ['scope'] },
        sk: { field: 'sk', composite: ['name'] },
      },
    },
  },
  { client: documentClient, table: tableName },
));

export type CounterItem = EntityItem<typeof Counter>;
