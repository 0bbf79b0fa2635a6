import { documentPath as path } from '../../../shared/customer-files/schemas.js';
import { downloadDocument } from '../../../shared/customer-files/documents.js';
import { defineRoute } from '../../../shared/http/route.js';
import { downloadLink } from '../../../shared/uploads/schemas.js';

export default defineRoute({
  operationId: 'downloadCustomerDocument',
  method: 'GET',
  path: '/customers/{customerId}/documents/{documentId}/download',
  summary: 'A short-lived link that downloads the document as an attachment; `document_unavailable` (409) before a checked upload',
  tags: ['customer-files'],
  access: { permission: 'customers:read' },
  roles: ['admin', 'manager', 'agent', 'technician', 'customer'],
  request: { path },
  response: downloadLink,
  errors: [404, 409],
  handler: async ({ path, actor }) => downloadDocument(actor, path.customerId, path.documentId),
});
