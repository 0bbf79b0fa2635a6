import { listSuppressionsQuery as query, suppressionPage } from '../../../shared/mail/admin-schemas.js';
import { listSuppressions } from '../../../shared/mail/suppressions.js';
import { defineRoute } from '../../../shared/http/route.js';

export default defineRoute({
  operationId: 'listMailSuppressions',
  method: 'GET',
  path: '/mail/suppressions',
  summary: 'Addresses never mailed again (bounces, complaints, manual entries), newest first; `email` looks up one address',
  tags: ['mail-settings'],
  access: { permission: 'settings:read' },
  roles: ['admin', 'manager', 'agent', 'technician'],
  staffOnly: true,
  request: { query },
  response: suppressionPage,
  handler: async ({ query }) => listSuppressions(query),
});
