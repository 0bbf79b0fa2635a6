import { defineRoute } from '../../../shared/http/route.js';
import { mailTemplatePath as path, mailTemplateView } from '../../../shared/notifications/schemas.js';
import { getMailTemplate } from '../../../shared/notifications/templates.js';

export default defineRoute({
  operationId: 'getMailTemplate',
  method: 'GET',
  path: '/mail-templates/{event}/{language}',
  summary: 'One notification template in one language (the override, else the built-in text with version 0)',
  tags: ['mail-templates'],
  access: { permission: 'settings:read' },
  roles: ['admin', 'manager', 'agent', 'technician'],
  staffOnly: true,
  request: { path },
  response: mailTemplateView,
  handler: async ({ path }) => getMailTemplate(path.event, path.language),
});
