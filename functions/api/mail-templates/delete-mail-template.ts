import * as z from 'zod';
import { defineRoute } from '../../../shared/http/route.js';
import { mailTemplatePath as path } from '../../../shared/notifications/schemas.js';
import { deleteMailTemplate } from '../../../shared/notifications/templates.js';

export default defineRoute({
  operationId: 'deleteMailTemplate',
  method: 'DELETE',
  path: '/mail-templates/{event}/{language}',
  summary: 'Remove the override: the built-in text applies again (404 when there is none)',
  tags: ['mail-templates'],
  access: { permission: 'settings:update' },
  roles: ['admin'],
  staffOnly: true,
  request: { path },
  status: 204,
  response: z.void(),
  errors: [404],
  handler: async ({ path }) => deleteMailTemplate(path.event, path.language),
});
