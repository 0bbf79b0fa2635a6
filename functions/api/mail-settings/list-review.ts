import { listReviewQuery as query, reviewPage } from '../../../shared/mail/admin-schemas.js';
import { listReview } from '../../../shared/mail/review.js';
import { defineRoute } from '../../../shared/http/route.js';

export default defineRoute({
  operationId: 'listMailReview',
  method: 'GET',
  path: '/mail/review',
  summary: 'Spam (`kind=spam`), virus-quarantined (`kind=quarantined`) or failed (`kind=failed`) mail awaiting review, newest first',
  tags: ['mail-settings'],
  access: { permission: 'settings:update' },
  roles: ['admin'],
  staffOnly: true,
  request: { query },
  response: reviewPage,
  handler: async ({ query }) => listReview(query),
});
