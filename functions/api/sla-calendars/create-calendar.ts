import { createCalendar } from '../../../shared/sla/calendars.js';
import { createSlaCalendar as body, slaCalendarView } from '../../../shared/sla/schemas.js';
import { defineRoute } from '../../../shared/http/route.js';

export default defineRoute({
  operationId: 'createSlaCalendar',
  method: 'POST',
  path: '/sla/calendars',
  summary: 'Add an SLA calendar (timezone, sorted non-overlapping ranges per weekday, holidays)',
  tags: ['sla'],
  access: { permission: 'settings:update' },
  roles: ['admin'],
  staffOnly: true,
  request: { body },
  status: 201,
  response: slaCalendarView,
  handler: async ({ body }) => createCalendar(body),
});
