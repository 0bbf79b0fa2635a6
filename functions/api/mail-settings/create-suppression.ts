import { createSuppression as body, suppressionView } from '../../../shared/mail/admin-schemas.js';
import { addSuppression } from '../../../shared/mail/suppressions.js';
import { defineRoute } from '../../../shared/http/route.js';

export default defineRoute({
  operationId: 'createMailSuppression',
  method: 'POST',
  path: '/mail/suppressions',
  summary: 'Suppress an address by hand (with a note); `already_suppressed` (409) when it is on the list',
  tags: ['mail-settings'],
  access: { permission: 'settings:update' },
  roles: ['admin'],
  staffOnly: true,
  request: { body },
  status: 201,
  response: suppressionView,
  errors: [409],
  handler: async ({ body, actor }) => addSuppression(body, actor),
});
