import { documentPath as path, kycDocumentView } from '../../../shared/kyc/schemas.js';
import { completeKycUpload } from '../../../shared/kyc/service.js';
import { defineRoute } from '../../../shared/http/route.js';

export default defineRoute({
  operationId: 'completeKycUpload',
  method: 'POST',
  path: '/customers/{customerId}/kyc/documents/{documentId}/complete',
  summary: 'Check the uploaded file (real size, magic bytes): it enters the review queue, or is quarantined (413/415)',
  tags: ['kyc'],
  access: { permission: 'kyc:upload' },
  roles: ['admin', 'manager', 'customer'],
  request: { path },
  response: kycDocumentView,
  errors: [404, 409, 413, 415],
  handler: async ({ path, actor }) => completeKycUpload(actor, path.customerId, path.documentId),
});
