import { createKycUpload as body, customerPath as path, kycUploadStarted } from '../../../shared/kyc/schemas.js';
import { startKycUpload } from '../../../shared/kyc/service.js';
import { defineRoute } from '../../../shared/http/route.js';

export default defineRoute({
  operationId: 'startKycUpload',
  method: 'POST',
  path: '/customers/{customerId}/kyc/documents',
  summary: 'Announce a KYC document upload (PDF, JPEG or PNG, at most 20 MB): answers a presigned POST for a server-chosen key',
  tags: ['kyc'],
  access: { permission: 'kyc:upload' },
  roles: ['admin', 'manager', 'customer'],
  request: { path, body },
  status: 201,
  response: kycUploadStarted,
  errors: [404, 413, 415],
  handler: async ({ path, body, actor }) => startKycUpload(actor, path.customerId, body),
});
