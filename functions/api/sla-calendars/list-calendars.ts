import { listCalendars } from '../../../shared/sla/calendars.js';
import { slaCalendarList } from '../../../shared/sla/schemas.js';
import { defineRoute } from '../../../shared/http/route.js';

export default defineRoute({
  operationId: 'listSlaCalendars',
  method: 'GET',
  path: '/sla/calendars',
  summary: 'Every SLA business-hours calendar, by name',
  tags: ['sla'],
  access: { permission: 'settings:read' },
  roles: ['admin', 'manager', 'agent', 'technician'],
  staffOnly: true,
  response: slaCalendarList,
  handler: async () => listCalendars(),
});
