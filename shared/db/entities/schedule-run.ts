import { Entity, type EntityItem } from 'electrodb';
import { lazy } from '../lazy.js';
import { documentClient, tableName } from '../client.js';

/**
 * One item per (schedule, scheduled time): claimed with a condition so a double fire or a
 * retried run does its work once. Expires through TTL after 30 days.
 */
export const ScheduleRun = lazy(() => new Entity(
  {
    model: { entity: 'scheduleRun', version: '1', service: 'cm' },
    attributes: {
      schedule: { type: 'string', required: true, readOnly: true },
      scheduledTime: { type: 'string', required: true, readOnly: true },
      executionId: { type: 'string', required: true },
      status: { type: ['running', 'succeeded', 'failed'] as const, required: true },
      startedAt: { type: 'string', required: true },
      finishedAt: { type: 'string' },
      detail: { type: 'any' },
      expiresAt: { type: 'number', required: true },
    },
    indexes: {
      bySchedule: {
        pk: { field: 'pk', composite: ['schedule'] },
        sk: { field: 'sk', composite: ['scheduledTime'] },
      },
    },
  },
  { client: documentClient, table: tableName },
));

export type ScheduleRunItem = EntityItem<typeof ScheduleRun>;
