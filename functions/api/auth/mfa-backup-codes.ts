import { defineRoute } from '../../../shared/http/route.js';
import { requestMeta } from '../../../shared/identity/login-events.js';
import { regenerateBackupCodes } from '../../../shared/identity/mfa.js';
import { backupCodes, mfaCodeRequest } from '../../../shared/identity/schemas.js';

export default defineRoute({
  operationId: 'regenerateBackupCodes',
  method: 'POST',
  path: '/auth/mfa/backup-codes',
  summary: '10 new backup codes (the old ones stop working); needs a current code',
  tags: ['auth'],
  access: 'authenticated',
  roles: ['admin', 'manager', 'agent', 'technician', 'customer'],
  request: { body: mfaCodeRequest },
  response: backupCodes,
  handler: async ({ actor, body, event }) => ({ backupCodes: await regenerateBackupCodes(actor.userId, body.code, requestMeta(event)) }),
});
