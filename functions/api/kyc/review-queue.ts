import { reviewQueuePage, reviewQueueQuery as query } from '../../../shared/kyc/schemas.js';
import { reviewQueue } from '../../../shared/kyc/service.js';
import { defineRoute } from '../../../shared/http/route.js';

export default defineRoute({
  operationId: 'listKycReviewQueue',
  method: 'GET',
  path: '/kyc/review-queue',
  summary: 'KYC documents waiting for review across customers, oldest first',
  tags: ['kyc'],
  access: { permission: 'kyc:verify' },
  roles: ['admin', 'manager', 'agent'],
  request: { query },
  response: reviewQueuePage,
  handler: async ({ query }) => reviewQueue(query),
});
