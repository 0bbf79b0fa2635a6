import { defineRoute } from '../../../shared/http/route.js';
import { mailTemplatePath as path, mailTemplateView, putMailTemplate as body } from '../../../shared/notifications/schemas.js';
import { putMailTemplate } from '../../../shared/notifications/templates.js';

export default defineRoute({
  operationId: 'putMailTemplate',
  method: 'PUT',
  path: '/mail-templates/{event}/{language}',
  summary: 'Override a template: subject and body may use only the event’s `{{variables}}` (`unknown_template_variable`); `version` is the one read (0 = none yet), else `conflict`',
  tags: ['mail-templates'],
  access: { permission: 'settings:update' },
  roles: ['admin'],
  staffOnly: true,
  request: { path, body },
  response: mailTemplateView,
  errors: [409],
  handler: async ({ actor, path, body }) => putMailTemplate(actor, path.event, path.language, body),
});
