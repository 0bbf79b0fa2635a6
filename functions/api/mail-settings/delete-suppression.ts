import { noContent, suppressionPath as path } from '../../../shared/mail/admin-schemas.js';
import { removeSuppression } from '../../../shared/mail/suppressions.js';
import { defineRoute } from '../../../shared/http/route.js';

export default defineRoute({
  operationId: 'deleteMailSuppression',
  method: 'DELETE',
  path: '/mail/suppressions/{email}',
  summary: 'Take an address off the suppression list: it may be mailed again',
  tags: ['mail-settings'],
  access: { permission: 'settings:update' },
  roles: ['admin'],
  staffOnly: true,
  request: { path },
  status: 204,
  response: noContent,
  errors: [404],
  handler: async ({ path }) => removeSuppression(path.email),
});
