import { kycRequirementsView } from '../../../shared/kyc/schemas.js';
import { getKycRequirements } from '../../../shared/kyc/requirements.js';
import { defineRoute } from '../../../shared/http/route.js';

export default defineRoute({
  operationId: 'getKycRequirements',
  method: 'GET',
  path: '/settings/kyc',
  summary: 'KYC document types required per customer type (customers read theirs through GET /customers/{customerId}/kyc)',
  tags: ['kyc'],
  access: { permission: 'settings:read' },
  roles: ['admin', 'manager', 'agent', 'technician'],
  response: kycRequirementsView,
  handler: async () => getKycRequirements(),
});
