import { createDocument } from '../../../shared/customer-files/documents.js';
import { createDocument as body, customerPath as path, documentUpload } from '../../../shared/customer-files/schemas.js';
import { defineRoute } from '../../../shared/http/route.js';

export default defineRoute({
  operationId: 'createCustomerDocument',
  method: 'POST',
  path: '/customers/{customerId}/documents',
  summary:
    'Declare a customer document (staff) and get a presigned POST for it: ≤ 20 MB else `file_too_large` (413); PDF, JPEG or PNG with a matching extension else `file_type_not_allowed` (415)',
  tags: ['customer-files'],
  access: { permission: 'customers:update' },
  roles: ['admin', 'manager', 'agent', 'customer'],
  request: { path, body },
  status: 201,
  response: documentUpload,
  errors: [403, 404, 413, 415],
  handler: async ({ path, body, actor }) => createDocument(actor, path.customerId, body),
});
