import { Entity, type EntityItem } from 'electrodb';
import { documentClient, tableName } from '../client.js';
import { lazy } from '../lazy.js';

/** Holds a category name among its siblings: created with `attribute_not_exists`, so names stay unique. */
export const TicketCategoryName = lazy(() => new Entity(
  {
    model: { entity: 'ticketCategoryName', version: '1', service: 'cm' },
    attributes: {
      parentKey: { type: 'string', required: true, readOnly: true },
      nameLower: { type: 'string', required: true, readOnly: true },
      categoryId: { type: 'string', required: true, readOnly: true },
    },
    indexes: {
      byName: {
        pk: { field: 'pk', composite: ['parentKey', 'nameLower'] },
        sk: { field: 'sk', composite: [] },
      },
    },
  },
  { client: documentClient, table: tableName },
));

export type TicketCategoryNameItem = EntityItem<typeof TicketCategoryName>;
