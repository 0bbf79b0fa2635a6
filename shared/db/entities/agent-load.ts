import { Entity, type EntityItem } from 'electrodb';
import { documentClient, tableName } from '../client.js';
import { lazy } from '../lazy.js';

/**
 * One staff user's helpdesk state across all groups: availability for auto-assignment, current
 * load (active tickets assigned to them, weighted by priority) and when they were last
 * auto-assigned (ties go to the least recent: round robin). Load changes are `ADD`s in the same
 * transaction as the ticket change (shared/tickets/assignment.ts `loadDeltaItems`); every write
 * bumps `version`, which auto-assignment conditions on so two concurrent picks cannot both win.
 * A missing item means available, load 0, never assigned.
 */
export const AgentLoad = lazy(() => new Entity(
  {
    model: { entity: 'agentLoad', version: '1', service: 'cm' },
    attributes: {
      userId: { type: 'string', required: true, readOnly: true },
      available: { type: 'boolean' },
      load: { type: 'number' },
      openTickets: { type: 'number' },
      lastAssignedAt: { type: 'string' },
      version: { type: 'number' },
      updatedAt: { type: 'string', watch: '*', set: () => new Date().toISOString() },
    },
    indexes: {
      byUser: {
        pk: { field: 'pk', composite: ['userId'] },
        sk: { field: 'sk', composite: [] },
      },
    },
  },
  { client: documentClient, table: tableName },
));

export type AgentLoadItem = EntityItem<typeof AgentLoad>;
