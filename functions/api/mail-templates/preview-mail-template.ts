import { defineRoute } from '../../../shared/http/route.js';
import { mailTemplatePath as path, previewMailTemplate as body, renderedMail } from '../../../shared/notifications/schemas.js';
import { previewMailTemplate } from '../../../shared/notifications/templates.js';

export default defineRoute({
  operationId: 'previewMailTemplate',
  method: 'POST',
  path: '/mail-templates/{event}/{language}/preview',
  summary: 'Render a template (the saved one, or the unsaved subject/body given) with sample values: subject, text and HTML parts. Writes nothing',
  tags: ['mail-templates'],
  access: { permission: 'settings:read' },
  roles: ['admin', 'manager', 'agent', 'technician'],
  staffOnly: true,
  request: { path, body },
  response: renderedMail,
  handler: async ({ path, body }) => previewMailTemplate(path.event, path.language, body),
});
