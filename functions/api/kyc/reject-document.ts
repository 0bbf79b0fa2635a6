import { documentPath as path, kycDocumentView, rejectKycDocument as body } from '../../../shared/kyc/schemas.js';
import { rejectKycDocument } from '../../../shared/kyc/service.js';
import { defineRoute } from '../../../shared/http/route.js';

export default defineRoute({
  operationId: 'rejectKycDocument',
  method: 'POST',
  path: '/customers/{customerId}/kyc/documents/{documentId}/reject',
  summary: 'Reject a document waiting for review with a reason the customer sees (mailed to the account) and an internal note',
  tags: ['kyc'],
  access: { permission: 'kyc:verify' },
  roles: ['admin', 'manager', 'agent'],
  request: { path, body },
  response: kycDocumentView,
  errors: [404, 409],
  handler: async ({ path, body, actor }) => rejectKycDocument(actor, path.customerId, path.documentId, body),
});
