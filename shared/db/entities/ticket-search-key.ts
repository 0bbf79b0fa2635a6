import { Entity, type EntityItem } from 'electrodb';
import { documentClient, tableName } from '../client.js';
import { lazy } from '../lazy.js';

/**
 * One search term of a ticket: `w:<subject word>`, `e:<requester email>` or `t:<tag>`; the sort
 * key is the ticket's creation time then its id, so a term lists its tickets newest first with one
 * Query (then a BatchGet of the tickets). Written in the ticket's own transactions
 * (shared/tickets/search.ts `searchKeyItems`).
 */
export const TicketSearchKey = lazy(() => new Entity(
  {
    model: { entity: 'ticketSearchKey', version: '1', service: 'cm' },
    attributes: {
      term: { type: 'string', required: true, readOnly: true },
      createdAt: { type: 'string', required: true, readOnly: true },
      ticketId: { type: 'string', required: true, readOnly: true },
    },
    indexes: {
      byTerm: {
        pk: { field: 'pk', composite: ['term'] },
        sk: { field: 'sk', composite: ['createdAt', 'ticketId'] },
      },
    },
  },
  { client: documentClient, table: tableName },
));

export type TicketSearchKeyItem = EntityItem<typeof TicketSearchKey>;
