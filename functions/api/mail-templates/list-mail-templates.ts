import { defineRoute } from '../../../shared/http/route.js';
import { mailTemplateList } from '../../../shared/notifications/schemas.js';
import { listMailTemplates } from '../../../shared/notifications/templates.js';

export default defineRoute({
  operationId: 'listMailTemplates',
  method: 'GET',
  path: '/mail-templates',
  summary: 'Every notification template in every language: its variables, the text that applies, whether an admin overrode it, and its version (0 = built-in)',
  tags: ['mail-templates'],
  access: { permission: 'settings:read' },
  roles: ['admin', 'manager', 'agent', 'technician'],
  staffOnly: true,
  response: mailTemplateList,
  handler: async () => ({ items: await listMailTemplates() }),
});
