import { deleteCalendar } from '../../../shared/sla/calendars.js';
import { slaCalendarDeleted, slaCalendarPath as path } from '../../../shared/sla/schemas.js';
import { defineRoute } from '../../../shared/http/route.js';

export default defineRoute({
  operationId: 'deleteSlaCalendar',
  method: 'DELETE',
  path: '/sla/calendars/{calendarId}',
  summary: 'Delete an SLA calendar; 409 calendar_in_use while a policy uses it or it is the default',
  tags: ['sla'],
  access: { permission: 'settings:update' },
  roles: ['admin'],
  staffOnly: true,
  request: { path },
  response: slaCalendarDeleted,
  errors: [404, 409],
  handler: async ({ path }) => deleteCalendar(path.calendarId),
});
