import { Entity, type EntityItem } from 'electrodb';
import { versioned } from '../attributes.js';
import { documentClient, tableName } from '../client.js';
import { lazy } from '../lazy.js';

/**
 * A ticket category, in a tree at most three levels deep (`parentKey` = the parent's id, or `root`).
 * New tickets copy its default group and "requires QC". The whole tree is one query (`byTree`);
 * a sibling-unique name is held by a `ticketCategoryName` lock written in the same transaction.
 */
export const TicketCategory = lazy(() => new Entity(
  {
    model: { entity: 'ticketCategory', version: '1', service: 'cm' },
    attributes: {
      categoryId: { type: 'string', required: true, readOnly: true },
      parentKey: { type: 'string', required: true },
      name: { type: 'string', required: true },
      nameLower: { type: 'string', required: true },
      /** Absent: tickets go to the default support group. */
      defaultGroupId: { type: 'string' },
      requiresQc: { type: 'boolean', required: true, default: false },
      active: { type: 'boolean', required: true, default: true },
      /** Set once a ticket was created with it: deleting it then only deactivates it. */
      used: { type: 'boolean', required: true, default: false },
      /** Constant partition of the whole tree. */
      directory: { type: 'string', required: true, default: 'ticketCategories', readOnly: true },
      ...versioned(),
    },
    indexes: {
      byId: {
        pk: { field: 'pk', composite: ['categoryId'] },
        sk: { field: 'sk', composite: [] },
      },
      byTree: {
        index: 'gsi1',
        pk: { field: 'gsi1pk', composite: ['directory'] },
        sk: { field: 'gsi1sk', composite: ['parentKey', 'categoryId'] },
      },
    },
  },
  { client: documentClient, table: tableName },
));

export type TicketCategoryItem = EntityItem<typeof TicketCategory>;
