import { mailSettingsView } from '../../../shared/mail/admin-schemas.js';
import { readMailSettings } from '../../../shared/mail/mailboxes.js';
import { defineRoute } from '../../../shared/http/route.js';

export default defineRoute({
  operationId: 'getMailSettings',
  method: 'GET',
  path: '/mail/settings',
  summary: 'Mailboxes (address → support group and category, with their names), unknown-sender policy, loop guard and size limit; defaults with version 0 when never saved',
  tags: ['mail-settings'],
  access: { permission: 'settings:read' },
  roles: ['admin', 'manager', 'agent', 'technician'],
  staffOnly: true,
  response: mailSettingsView,
  handler: async () => readMailSettings(),
});
