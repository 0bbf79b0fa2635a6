import { Entity, type EntityItem } from 'electrodb';
import { lazy } from '../lazy.js';
import { versioned } from '../attributes.js';
import { documentClient, tableName } from '../client.js';

/** A customer group: a discount (basis points) and a tax-exempt flag that billing applies. */
export const CustomerGroup = lazy(() => new Entity(
  {
    model: { entity: 'customerGroup', version: '1', service: 'cm' },
    attributes: {
      groupId: { type: 'string', required: true, readOnly: true },
      name: { type: 'string', required: true },
      description: { type: 'string', required: true, default: '' },
      /** 0..10000 (100 % = 10000). */
      discountBps: { type: 'number', required: true, default: 0 },
      taxExempt: { type: 'boolean', required: true, default: false },
      /** Constant partition of the group list. */
      directory: { type: 'string', required: true, default: 'customerGroups', readOnly: true },
      ...versioned(),
    },
    indexes: {
      byId: {
        pk: { field: 'pk', composite: ['groupId'] },
        sk: { field: 'sk', composite: [] },
      },
      /** Every group (a short list). */
      byDirectory: {
        index: 'gsi1',
        pk: { field: 'gsi1pk', composite: ['directory'] },
        sk: { field: 'gsi1sk', composite: ['groupId'] },
      },
    },
  },
  { client: documentClient, table: tableName },
));

export type CustomerGroupItem = EntityItem<typeof CustomerGroup>;
