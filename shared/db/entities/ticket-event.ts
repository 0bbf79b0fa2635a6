import { Entity, type EntityItem } from 'electrodb';
import { documentClient, tableName } from '../client.js';
import { lazy } from '../lazy.js';

/**
 * One entry of a ticket's timeline (append-only): what changed, from what to what, by whom.
 * Written in the same transaction as the change itself (shared/tickets/store.ts).
 */
export const TicketEvent = lazy(() => new Entity(
  {
    model: { entity: 'ticketEvent', version: '1', service: 'cm' },
    attributes: {
      ticketId: { type: 'string', required: true, readOnly: true },
      eventId: { type: 'string', required: true, readOnly: true },
      at: { type: 'string', required: true, readOnly: true },
      /** e.g. created, status, priority, category, group, assignee, tags, watchers, merge, link, qc, reply, note. */
      kind: { type: 'string', required: true, readOnly: true },
      from: { type: 'string', readOnly: true },
      to: { type: 'string', readOnly: true },
      reason: { type: 'string', readOnly: true },
      /** Anything else worth showing (ids of a merged ticket, a message, ...). */
      details: { type: 'any', readOnly: true },
      /** User id, or `system` (auto-assignment, schedules, inbound mail). */
      actorId: { type: 'string', required: true, readOnly: true },
    },
    indexes: {
      byTicket: {
        pk: { field: 'pk', composite: ['ticketId'] },
        sk: { field: 'sk', composite: ['at', 'eventId'] },
      },
    },
  },
  { client: documentClient, table: tableName },
));

export type TicketEventItem = EntityItem<typeof TicketEvent>;
