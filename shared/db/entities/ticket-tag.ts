import { Entity, type EntityItem } from 'electrodb';
import { versioned } from '../attributes.js';
import { documentClient, tableName } from '../client.js';
import { lazy } from '../lazy.js';

/**
 * A tag agents may put on tickets: lower-case name (unique, the key), colour, and how many
 * tickets carry it now (`usageCount`, changed with ADD in the same transaction as the tickets).
 * All definitions share one partition: a few hundred at most, listed with one Query.
 */
export const TicketTag = lazy(() => new Entity(
  {
    model: { entity: 'ticketTag', version: '1', service: 'cm' },
    attributes: {
      name: { type: 'string', required: true, readOnly: true },
      /** `#rrggbb`. */
      colour: { type: 'string', required: true },
      description: { type: 'string' },
      usageCount: { type: 'number', required: true, default: 0 },
      createdBy: { type: 'string', required: true, readOnly: true },
      /** Constant partition of the tag list. */
      directory: { type: 'string', required: true, default: 'ticketTags', readOnly: true },
      ...versioned(),
    },
    indexes: {
      byName: {
        pk: { field: 'pk', composite: ['directory'] },
        sk: { field: 'sk', composite: ['name'] },
      },
    },
  },
  { client: documentClient, table: tableName },
));

export type TicketTagItem = EntityItem<typeof TicketTag>;
