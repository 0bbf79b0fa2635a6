import { Entity, type EntityItem } from 'electrodb';
import { lazy } from '../lazy.js';
import { documentClient, tableName } from '../client.js';

/**
 * The lock that keeps one open access request per email: created with a not-exists condition in
 * the same transaction as the request, deleted in the same transaction as its decision.
 */
export const OpenAccessRequest = lazy(() => new Entity(
  {
    model: { entity: 'openAccessRequest', version: '1', service: 'cm' },
    attributes: {
      emailLower: { type: 'string', required: true, readOnly: true },
      requestId: { type: 'string', required: true, readOnly: true },
    },
    indexes: {
      byEmail: {
        pk: { field: 'pk', composite: ['emailLower'] },
        sk: { field: 'sk', composite: [] },
      },
    },
  },
  { client: documentClient, table: tableName },
));

export type OpenAccessRequestItem = EntityItem<typeof OpenAccessRequest>;
