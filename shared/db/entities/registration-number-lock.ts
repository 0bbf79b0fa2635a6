import { Entity, type EntityItem } from 'electrodb';
import { lazy } from '../lazy.js';
import { documentClient, tableName } from '../client.js';

/**
 * Keeps a registration number (type + normalised value) unique across customers: created with a
 * not-exists condition in the same transaction as the customer create/update that adds the
 * number, deleted in the transaction that removes it.
 */
export const RegistrationNumberLock = lazy(() => new Entity(
  {
    model: { entity: 'registrationNumberLock', version: '1', service: 'cm' },
    attributes: {
      type: { type: 'string', required: true, readOnly: true },
      value: { type: 'string', required: true, readOnly: true },
      customerId: { type: 'string', required: true, readOnly: true },
    },
    indexes: {
      byNumber: {
        pk: { field: 'pk', composite: ['type', 'value'] },
        sk: { field: 'sk', composite: [] },
      },
    },
  },
  { client: documentClient, table: tableName },
));

export type RegistrationNumberLockItem = EntityItem<typeof RegistrationNumberLock>;
