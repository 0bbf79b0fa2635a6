import { slaSettingsView } from '../../../shared/sla/schemas.js';
import { getSlaSettings } from '../../../shared/sla/settings.js';
import { defineRoute } from '../../../shared/http/route.js';

export default defineRoute({
  operationId: 'getSlaSettings',
  method: 'GET',
  path: '/sla/settings',
  summary: 'SLA settings: the default calendar and the ticket automation rules (version 0 until first saved)',
  tags: ['sla'],
  access: { permission: 'settings:read' },
  roles: ['admin', 'manager', 'agent', 'technician'],
  staffOnly: true,
  response: slaSettingsView,
  handler: async () => getSlaSettings(),
});
