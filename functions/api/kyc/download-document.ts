import { documentPath as path } from '../../../shared/kyc/schemas.js';
import { kycDownloadLink } from '../../../shared/kyc/service.js';
import { downloadLink } from '../../../shared/uploads/schemas.js';
import { defineRoute } from '../../../shared/http/route.js';

export default defineRoute({
  operationId: 'downloadKycDocument',
  method: 'GET',
  path: '/customers/{customerId}/kyc/documents/{documentId}/download',
  summary: 'A short-lived link that downloads a KYC document as an attachment (never a quarantined one)',
  tags: ['kyc'],
  access: { permission: 'kyc:verify' },
  roles: ['admin', 'manager', 'agent'],
  request: { path },
  response: downloadLink,
  errors: [404, 409],
  handler: async ({ path }) => kycDownloadLink(path.customerId, path.documentId),
});
