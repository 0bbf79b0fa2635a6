import { defineRoute } from '../../../shared/http/route.js';
import { mfaStatus } from '../../../shared/identity/mfa.js';
import { mfaStatus as mfaStatusSchema } from '../../../shared/identity/schemas.js';

export default defineRoute({
  operationId: 'getMfaStatus',
  method: 'GET',
  path: '/auth/mfa',
  summary: 'Whether TOTP is set up and how many backup codes are left',
  tags: ['auth'],
  access: 'authenticated',
  roles: ['admin', 'manager', 'agent', 'technician', 'customer'],
  allowWithoutMfa: true,
  response: mfaStatusSchema,
  handler: async ({ actor }) => mfaStatus(actor.userId, actor.mfaEnrolled),
});
