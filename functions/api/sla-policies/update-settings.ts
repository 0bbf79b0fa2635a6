import { slaSettingsView, updateSlaSettings as body } from '../../../shared/sla/schemas.js';
import { updateSlaSettings } from '../../../shared/sla/settings.js';
import { defineRoute } from '../../../shared/http/route.js';

export default defineRoute({
  operationId: 'updateSlaSettings',
  method: 'PUT',
  path: '/sla/settings',
  summary: 'Replace the SLA settings; optimistic on version (409 conflict), the default calendar must exist',
  tags: ['sla'],
  access: { permission: 'settings:update' },
  roles: ['admin'],
  staffOnly: true,
  request: { body },
  response: slaSettingsView,
  errors: [409],
  handler: async ({ body }) => updateSlaSettings(body),
});
