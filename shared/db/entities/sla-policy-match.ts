import { Entity, type EntityItem } from 'electrodb';
import { documentClient, tableName } from '../client.js';
import { lazy } from '../lazy.js';

/**
 * Holds one SLA match (priority + category + customer group + customer): created with
 * `attribute_not_exists` beside the policy, so two policies never share a match.
 */
export const SlaPolicyMatch = lazy(() => new Entity(
  {
    model: { entity: 'slaPolicyMatch', version: '1', service: 'cm' },
    attributes: {
      matchKey: { type: 'string', required: true, readOnly: true },
      policyId: { type: 'string', required: true, readOnly: true },
    },
    indexes: {
      byMatch: {
        pk: { field: 'pk', composite: ['matchKey'] },
        sk: { field: 'sk', composite: [] },
      },
    },
  },
  { client: documentClient, table: tableName },
));

export type SlaPolicyMatchItem = EntityItem<typeof SlaPolicyMatch>;
