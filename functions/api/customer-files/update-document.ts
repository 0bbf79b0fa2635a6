import { updateDocument } from '../../../shared/customer-files/documents.js';
import { documentPath as path, documentView, updateDocument as body } from '../../../shared/customer-files/schemas.js';
import { defineRoute } from '../../../shared/http/route.js';

export default defineRoute({
  operationId: 'updateCustomerDocument',
  method: 'PATCH',
  path: '/customers/{customerId}/documents/{documentId}',
  summary: "Change a document's title, category or sharing (staff): `version_conflict` (409)",
  tags: ['customer-files'],
  access: { permission: 'customers:update' },
  roles: ['admin', 'manager', 'agent', 'customer'],
  request: { path, body },
  response: documentView,
  errors: [403, 404, 409],
  handler: async ({ path, body, actor }) => updateDocument(actor, path.customerId, path.documentId, body),
});
