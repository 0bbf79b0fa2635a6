import { completeDocument } from '../../../shared/customer-files/documents.js';
import { documentPath as path, documentView } from '../../../shared/customer-files/schemas.js';
import { defineRoute } from '../../../shared/http/route.js';

export default defineRoute({
  operationId: 'completeCustomerDocument',
  method: 'POST',
  path: '/customers/{customerId}/documents/{documentId}/complete',
  summary:
    'Check the uploaded file (real size, magic bytes): available, or quarantined with `file_too_large` (413) / `file_type_not_allowed` (415); `upload_missing` (409) when nothing was uploaded',
  tags: ['customer-files'],
  access: { permission: 'customers:update' },
  roles: ['admin', 'manager', 'agent', 'customer'],
  request: { path },
  response: documentView,
  errors: [403, 404, 409, 413, 415],
  handler: async ({ path, actor }) => completeDocument(actor, path.customerId, path.documentId),
});
