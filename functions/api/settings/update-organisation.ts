import { defineRoute } from '../../../shared/http/route.js';
import { organisationSettings, updateOrganisationSettings as body } from '../../../shared/settings/schemas.js';
import { updateOrganisationSettings } from '../../../shared/settings/service.js';

export default defineRoute({
  operationId: 'updateOrganisationSettings',
  method: 'PUT',
  path: '/settings/organisation',
  summary: 'Replace organisation settings (optimistic locking on version)',
  tags: ['settings'],
  access: { permission: 'settings:update' },
  roles: ['admin'],
  request: { body },
  response: organisationSettings,
  errors: [404, 409],
  handler: async ({ body }) => updateOrganisationSettings(body),
});
