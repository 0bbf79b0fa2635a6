import { updateCalendar } from '../../../shared/sla/calendars.js';
import { slaCalendarPath as path, slaCalendarView, updateSlaCalendar as body } from '../../../shared/sla/schemas.js';
import { defineRoute } from '../../../shared/http/route.js';

export default defineRoute({
  operationId: 'updateSlaCalendar',
  method: 'PUT',
  path: '/sla/calendars/{calendarId}',
  summary: 'Replace an SLA calendar; optimistic on version (409 conflict)',
  tags: ['sla'],
  access: { permission: 'settings:update' },
  roles: ['admin'],
  staffOnly: true,
  request: { path, body },
  response: slaCalendarView,
  errors: [404, 409],
  handler: async ({ path, body }) => updateCalendar(path.calendarId, body),
});
