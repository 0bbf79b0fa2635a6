import { getCalendar } from '../../../shared/sla/calendars.js';
import { slaCalendarPath as path, slaCalendarView } from '../../../shared/sla/schemas.js';
import { defineRoute } from '../../../shared/http/route.js';

export default defineRoute({
  operationId: 'getSlaCalendar',
  method: 'GET',
  path: '/sla/calendars/{calendarId}',
  summary: 'One SLA calendar: timezone, weekly hours, holidays',
  tags: ['sla'],
  access: { permission: 'settings:read' },
  roles: ['admin', 'manager', 'agent', 'technician'],
  staffOnly: true,
  request: { path },
  response: slaCalendarView,
  errors: [404],
  handler: async ({ path }) => getCalendar(path.calendarId),
});
