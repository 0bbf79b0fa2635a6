import { mailSettingsView, updateMailSettings as body } from '../../../shared/mail/admin-schemas.js';
import { saveMailSettings } from '../../../shared/mail/mailboxes.js';
import { defineRoute } from '../../../shared/http/route.js';

export default defineRoute({
  operationId: 'updateMailSettings',
  method: 'PUT',
  path: '/mail/settings',
  summary: 'Replace the mail settings (optimistic locking on version; 0 creates them). Unknown groups, unknown or inactive categories → `validation_failed` naming the mailbox field',
  tags: ['mail-settings'],
  access: { permission: 'settings:update' },
  roles: ['admin'],
  staffOnly: true,
  request: { body },
  response: mailSettingsView,
  errors: [409],
  handler: async ({ body, actor }) => saveMailSettings(body, actor),
});
