import { deleteDocument } from '../../../shared/customer-files/documents.js';
import { documentPath as path, noContent } from '../../../shared/customer-files/schemas.js';
import { defineRoute } from '../../../shared/http/route.js';

export default defineRoute({
  operationId: 'deleteCustomerDocument',
  method: 'DELETE',
  path: '/customers/{customerId}/documents/{documentId}',
  summary: 'Soft-delete a document (staff); the stored file is kept',
  tags: ['customer-files'],
  access: { permission: 'customers:update' },
  roles: ['admin', 'manager', 'agent', 'customer'],
  request: { path },
  status: 204,
  response: noContent,
  errors: [403, 404],
  handler: async ({ path, actor }) => deleteDocument(actor, path.customerId, path.documentId),
});
