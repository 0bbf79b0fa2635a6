import { Entity, type EntityItem } from 'electrodb';
import { versioned } from '../attributes.js';
import { documentClient, tableName } from '../client.js';
import { lazy } from '../lazy.js';

/**
 * An SLA policy (shared/sla/types.ts PolicyShape): which tickets it matches (priority, optionally
 * narrowed by category, customer group, customer), its targets in business minutes of its
 * calendar, pause statuses, warning threshold and escalation. Its match is held unique by an
 * `slaPolicyMatch` lock written in the same transaction.
 */
export const SlaPolicy = lazy(() => new Entity(
  {
    model: { entity: 'slaPolicy', version: '1', service: 'cm' },
    attributes: {
      policyId: { type: 'string', required: true, readOnly: true },
      name: { type: 'string', required: true },
      priority: { type: ['low', 'medium', 'high', 'urgent'] as const, required: true },
      categoryId: { type: 'string' },
      customerGroupId: { type: 'string' },
      customerId: { type: 'string' },
      /** The lock key of the match (shared/sla/policies.ts matchKeyOf). */
      matchKey: { type: 'string', required: true },
      /** Absent: the default calendar of the SLA settings. */
      calendarId: { type: 'string' },
      /** `{ firstResponse?, nextResponse?, resolution? }` in business minutes. */
      targets: { type: 'any', required: true },
      pauseStatuses: { type: 'list', items: { type: 'string' }, required: true },
      warningPercent: { type: 'number', required: true, default: 80 },
      /** `{ raisePriority, moveToGroupId?, assignToLead, notifyManagers }`. */
      escalation: { type: 'any', required: true },
      active: { type: 'boolean', required: true, default: true },
      /** Constant partition of the policy list. */
      directory: { type: 'string', required: true, default: 'slaPolicies', readOnly: true },
      ...versioned(),
    },
    indexes: {
      byId: {
        pk: { field: 'pk', composite: ['policyId'] },
        sk: { field: 'sk', composite: [] },
      },
      byDirectory: {
        index: 'gsi1',
        pk: { field: 'gsi1pk', composite: ['directory'] },
        sk: { field: 'gsi1sk', composite: ['policyId'] },
      },
    },
  },
  { client: documentClient, table: tableName },
));

export type SlaPolicyItem = EntityItem<typeof SlaPolicy>;
