import { Entity, type EntityItem } from 'electrodb';
import { versioned } from '../attributes.js';
import { documentClient, tableName } from '../client.js';
import { lazy } from '../lazy.js';

/** A support team: tickets belong to one group and are auto-assigned among its available members. */
export const SupportGroup = lazy(() => new Entity(
  {
    model: { entity: 'supportGroup', version: '1', service: 'cm' },
    attributes: {
      groupId: { type: 'string', required: true, readOnly: true },
      name: { type: 'string', required: true },
      description: { type: 'string', required: true, default: '' },
      /** A staff user; not necessarily a member. */
      leadId: { type: 'string' },
      memberCount: { type: 'number', required: true, default: 0 },
      /** The group tickets fall back to (categories without a default group); never deleted. */
      isDefault: { type: 'boolean', required: true, default: false },
      /** Constant partition of the group list. */
      directory: { type: 'string', required: true, default: 'supportGroups', readOnly: true },
      ...versioned(),
    },
    indexes: {
      byId: {
        pk: { field: 'pk', composite: ['groupId'] },
        sk: { field: 'sk', composite: [] },
      },
      byDirectory: {
        index: 'gsi1',
        pk: { field: 'gsi1pk', composite: ['directory'] },
        sk: { field: 'gsi1sk', composite: ['groupId'] },
      },
    },
  },
  { client: documentClient, table: tableName },
));

export type SupportGroupItem = EntityItem<typeof SupportGroup>;
