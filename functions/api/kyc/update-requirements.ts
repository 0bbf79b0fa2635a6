import { kycRequirementsView, updateKycRequirements as body } from '../../../shared/kyc/schemas.js';
import { updateKycRequirements } from '../../../shared/kyc/requirements.js';
import { defineRoute } from '../../../shared/http/route.js';

export default defineRoute({
  operationId: 'updateKycRequirements',
  method: 'PUT',
  path: '/settings/kyc',
  summary: 'Replace the KYC requirements per customer type (optimistic `version`)',
  tags: ['kyc'],
  access: { permission: 'settings:update' },
  roles: ['admin'],
  request: { body },
  response: kycRequirementsView,
  errors: [409],
  handler: async ({ body, actor }) => updateKycRequirements(body, actor),
});
