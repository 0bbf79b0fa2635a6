import { Entity, type EntityItem } from 'electrodb';
import { documentClient, tableName } from '../client.js';
import { lazy } from '../lazy.js';

/**
 * A staff user's membership of a support group. Lives in the group's partition (the member list
 * is one query); `byUser` answers "my groups" in one query.
 */
export const GroupMember = lazy(() => new Entity(
  {
    model: { entity: 'groupMember', version: '1', service: 'cm' },
    attributes: {
      groupId: { type: 'string', required: true, readOnly: true },
      userId: { type: 'string', required: true, readOnly: true },
      /** Copied from the user when added, for lists without a second read. */
      name: { type: 'string', required: true },
      email: { type: 'string', required: true },
      addedBy: { type: 'string', required: true, readOnly: true },
      createdAt: { type: 'string', readOnly: true, required: true, default: () => new Date().toISOString() },
    },
    indexes: {
      byGroup: {
        pk: { field: 'pk', composite: ['groupId'] },
        sk: { field: 'sk', composite: ['userId'] },
      },
      byUser: {
        index: 'gsi1',
        pk: { field: 'gsi1pk', composite: ['userId'] },
        sk: { field: 'gsi1sk', composite: ['groupId'] },
      },
    },
  },
  { client: documentClient, table: tableName },
));

export type GroupMemberItem = EntityItem<typeof GroupMember>;
