import { Entity, type EntityItem } from 'electrodb';
import { versioned } from '../attributes.js';
import { documentClient, tableName } from '../client.js';
import { lazy } from '../lazy.js';

/**
 * An SLA business-hours calendar (shared/sla/types.ts CalendarShape): a timezone, the opening
 * ranges of each weekday and holidays. `policyCount` counts the policies using it, kept in the
 * policies' transactions, so a calendar in use cannot be deleted.
 */
export const SlaCalendar = lazy(() => new Entity(
  {
    model: { entity: 'slaCalendar', version: '1', service: 'cm' },
    attributes: {
      calendarId: { type: 'string', required: true, readOnly: true },
      name: { type: 'string', required: true },
      timezone: { type: 'string', required: true },
      mode: { type: ['business', 'always'] as const, required: true, default: 'business' },
      /** Index 0 = Monday … 6 = Sunday; each day a list of `{ start, end }`. */
      week: { type: 'any', required: true },
      /** `{ date, name, recurring }[]`. */
      holidays: { type: 'any', required: true },
      policyCount: { type: 'number', required: true, default: 0 },
      /** Constant partition of the calendar list. */
      directory: { type: 'string', required: true, default: 'slaCalendars', readOnly: true },
      ...versioned(),
    },
    indexes: {
      byId: {
        pk: { field: 'pk', composite: ['calendarId'] },
        sk: { field: 'sk', composite: [] },
      },
      byDirectory: {
        index: 'gsi1',
        pk: { field: 'gsi1pk', composite: ['directory'] },
        sk: { field: 'gsi1sk', composite: ['calendarId'] },
      },
    },
  },
  { client: documentClient, table: tableName },
));

export type SlaCalendarItem = EntityItem<typeof SlaCalendar>;
