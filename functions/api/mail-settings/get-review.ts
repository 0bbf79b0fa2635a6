import { reviewDetail, reviewPath as path } from '../../../shared/mail/admin-schemas.js';
import { getReviewItem } from '../../../shared/mail/review.js';
import { defineRoute } from '../../../shared/http/route.js';

export default defineRoute({
  operationId: 'getMailReviewItem',
  method: 'GET',
  path: '/mail/review/{messageId}',
  summary: 'One message awaiting review with a 60 s link to its raw MIME (`message-<id>.eml`); `not_in_review` (409) once released or deleted',
  tags: ['mail-settings'],
  access: { permission: 'settings:update' },
  roles: ['admin'],
  staffOnly: true,
  request: { path },
  response: reviewDetail,
  errors: [404, 409],
  handler: async ({ path }) => getReviewItem(path.messageId),
});
