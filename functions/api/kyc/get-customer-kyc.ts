import { customerKyc, customerPath as path } from '../../../shared/kyc/schemas.js';
import { getCustomerKyc } from '../../../shared/kyc/service.js';
import { defineRoute } from '../../../shared/http/route.js';

export default defineRoute({
  operationId: 'getCustomerKyc',
  method: 'GET',
  path: '/customers/{customerId}/kyc',
  summary: "A customer's KYC documents and summary (customers: without internal notes and reviewer ids)",
  tags: ['kyc'],
  access: { permission: 'kyc:read' },
  roles: ['admin', 'manager', 'agent', 'customer'],
  request: { path },
  response: customerKyc,
  errors: [404],
  handler: async ({ path, actor }) => getCustomerKyc(actor, path.customerId),
});
