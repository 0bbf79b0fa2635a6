import { Entity, type EntityItem } from 'electrodb';
import { versioned } from '../attributes.js';
import { documentClient, tableName } from '../client.js';
import { lazy } from '../lazy.js';

/**
 * Someone following a ticket (staff, or a contact of the ticket's customer) and which events they
 * want to hear about. Lives in the ticket's partition; `byUser` lists what a user watches.
 */
export const TicketWatcher = lazy(() => new Entity(
  {
    model: { entity: 'ticketWatcher', version: '1', service: 'cm' },
    attributes: {
      ticketId: { type: 'string', required: true, readOnly: true },
      userId: { type: 'string', required: true, readOnly: true },
      kind: { type: ['staff', 'contact'] as const, required: true, readOnly: true },
      /** Copied from the user when added, for lists and notifications without a second read. */
      name: { type: 'string', required: true },
      email: { type: 'string', required: true },
      reply: { type: 'boolean', required: true, default: true },
      status: { type: 'boolean', required: true, default: true },
      assignment: { type: 'boolean', required: true, default: true },
      addedBy: { type: 'string', required: true, readOnly: true },
      ...versioned(),
    },
    indexes: {
      byTicket: {
        pk: { field: 'pk', composite: ['ticketId'] },
        sk: { field: 'sk', composite: ['userId'] },
      },
      /** What a user watches, most recently watched first. */
      byUser: {
        index: 'gsi1',
        pk: { field: 'gsi1pk', composite: ['userId'] },
        sk: { field: 'gsi1sk', composite: ['createdAt', 'ticketId'] },
      },
    },
  },
  { client: documentClient, table: tableName },
));

export type TicketWatcherItem = EntityItem<typeof TicketWatcher>;
