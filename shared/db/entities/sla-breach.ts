import { Entity, type EntityItem } from 'electrodb';
import { documentClient, tableName } from '../client.js';
import { lazy } from '../lazy.js';

/**
 * One breached SLA target of one ticket (one per next-response cycle). Written by the `sla` sweep
 * with attribute_not_exists in the ticket's change transaction, so a retried sweep never records it
 * twice. The stream counts it into the SLA metrics (breaches by agent, group, priority, category).
 */
export const SlaBreach = lazy(() => new Entity(
  {
    model: { entity: 'slaBreach', version: '1', service: 'cm' },
    attributes: {
      ticketId: { type: 'string', required: true, readOnly: true },
      target: { type: ['firstResponse', 'nextResponse', 'resolution'] as const, required: true, readOnly: true },
      /** Next-response cycle (0 for the other targets). */
      cycle: { type: 'number', required: true, readOnly: true },
      policyId: { type: 'string', required: true, readOnly: true },
      dueAt: { type: 'string', required: true, readOnly: true },
      breachedAt: { type: 'string', required: true, readOnly: true },
      /** Business minutes past the due time when the sweep saw it. */
      lateMinutes: { type: 'number', required: true, readOnly: true },
      /** The ticket's state at breach (before escalation). */
      priority: { type: ['low', 'medium', 'high', 'urgent'] as const, required: true, readOnly: true },
      groupId: { type: 'string', required: true, readOnly: true },
      assigneeId: { type: 'string', readOnly: true },
      categoryId: { type: 'string', required: true, readOnly: true },
      customerId: { type: 'string', readOnly: true },
      /** UTC day of `breachedAt` (`YYYY-MM-DD`), the listing partition. */
      day: { type: 'string', required: true, readOnly: true },
      createdAt: { type: 'string', required: true, readOnly: true, default: () => new Date().toISOString() },
    },
    indexes: {
      /** A ticket's breaches. */
      byTicket: {
        pk: { field: 'pk', composite: ['ticketId'] },
        sk: { field: 'sk', composite: ['target', 'cycle'] },
      },
      /** Breaches of one UTC day (`breach#<YYYY-MM-DD>`), in time order. */
      byDay: {
        index: 'gsi1',
        pk: { field: 'gsi1pk', composite: ['day'], template: 'breach#${day}' },
        sk: { field: 'gsi1sk', composite: ['breachedAt', 'ticketId', 'target', 'cycle'] },
      },
    },
  },
  { client: documentClient, table: tableName },
));

export type SlaBreachItem = EntityItem<typeof SlaBreach>;
