import { Entity, type EntityItem } from 'electrodb';
import { documentClient, tableName } from '../client.js';
import { lazy } from '../lazy.js';

export const ticketTimerKinds = ['auto-close', 'waiting-remind', 'waiting-resolve', 'overdue'] as const;
export type TicketTimerKind = (typeof ticketTimerKinds)[number];

/**
 * A small marker placing a ticket in the sparse `due` index under a second partition (the ticket
 * item's own `duepk`/`duesk` belong to the SLA sweep): `duepk` = kind, `duesk` = `<when>#<ticketId>`.
 * Written and removed in the ticket's change transaction (shared/sla/wiring.ts): automation timers
 * while a ticket is resolved / waiting on the customer, `overdue` while a clock is breached and the
 * ticket open. `duepk`/`duesk` are plain attributes, not an ElectroDB index.
 */
export const TicketTimer = lazy(() => new Entity(
  {
    model: { entity: 'ticketTimer', version: '1', service: 'cm' },
    attributes: {
      ticketId: { type: 'string', required: true, readOnly: true },
      kind: { type: ticketTimerKinds, required: true, readOnly: true },
      /** When the timer fires (overdue: when the ticket breached). */
      at: { type: 'string', required: true },
      duepk: { type: 'string', field: 'duepk' },
      duesk: { type: 'string', field: 'duesk' },
    },
    indexes: {
      byTicketKind: {
        pk: { field: 'pk', composite: ['ticketId', 'kind'], template: 'timer#${ticketId}#${kind}' },
        sk: { field: 'sk', composite: [] },
      },
    },
  },
  { client: documentClient, table: tableName },
));

export type TicketTimerItem = EntityItem<typeof TicketTimer>;

export const timerSortKey = (at: string, ticketId: string) => `${at}#${ticketId}`;
