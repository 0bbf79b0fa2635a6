import { listDocuments } from '../../../shared/customer-files/documents.js';
import { customerPath as path, documentPage, listDocumentsQuery as query } from '../../../shared/customer-files/schemas.js';
import { defineRoute } from '../../../shared/http/route.js';

export default defineRoute({
  operationId: 'listCustomerDocuments',
  method: 'GET',
  path: '/customers/{customerId}/documents',
  summary: "A customer's documents, newest first: staff see all, the customer's contacts only those shared with them and available",
  tags: ['customer-files'],
  access: { permission: 'customers:read' },
  roles: ['admin', 'manager', 'agent', 'technician', 'customer'],
  request: { path, query },
  response: documentPage,
  errors: [404],
  handler: async ({ path, query, actor }) => listDocuments(actor, path.customerId, query),
});
