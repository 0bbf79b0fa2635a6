import { defineRoute } from '../../../shared/http/route.js';
import { organisationSettings } from '../../../shared/settings/schemas.js';
import { getOrganisationSettings } from '../../../shared/settings/service.js';

export default defineRoute({
  operationId: 'getOrganisationSettings',
  method: 'GET',
  path: '/settings/organisation',
  summary: 'Organisation settings (name, timezone, currency, locale)',
  tags: ['settings'],
  access: { permission: 'settings:read' },
  roles: ['admin', 'manager', 'agent', 'technician'],
  response: organisationSettings,
  errors: [404],
  handler: async () => getOrganisationSettings(),
});
