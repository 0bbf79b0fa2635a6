import { approveKycDocument as body, documentPath as path, kycDocumentView } from '../../../shared/kyc/schemas.js';
import { approveKycDocument } from '../../../shared/kyc/service.js';
import { defineRoute } from '../../../shared/http/route.js';

export default defineRoute({
  operationId: 'approveKycDocument',
  method: 'POST',
  path: '/customers/{customerId}/kyc/documents/{documentId}/approve',
  summary: 'Approve a document waiting for review (optional internal note and expiry date; optimistic `version`)',
  tags: ['kyc'],
  access: { permission: 'kyc:verify' },
  roles: ['admin', 'manager', 'agent'],
  request: { path, body },
  response: kycDocumentView,
  errors: [404, 409],
  handler: async ({ path, body, actor }) => approveKycDocument(actor, path.customerId, path.documentId, body),
});
