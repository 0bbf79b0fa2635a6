import { Entity, type EntityItem } from 'electrodb';
import { documentClient, tableName } from '../client.js';
import { lazy } from '../lazy.js';

/**
 * The lock that makes a ticket's public number unique, and the lookup by number: created in the
 * same transaction as the ticket with `attribute_not_exists(pk)`, so two tickets can never share
 * a number (the loser of a collision retries with another random number).
 */
export const TicketNumber = lazy(() => new Entity(
  {
    model: { entity: 'ticketNumber', version: '1', service: 'cm' },
    attributes: {
      number: { type: 'string', required: true, readOnly: true },
      ticketId: { type: 'string', required: true, readOnly: true },
    },
    indexes: {
      byNumber: {
        pk: { field: 'pk', composite: ['number'] },
        sk: { field: 'sk', composite: [] },
      },
    },
  },
  { client: documentClient, table: tableName },
));

export type TicketNumberItem = EntityItem<typeof TicketNumber>;
