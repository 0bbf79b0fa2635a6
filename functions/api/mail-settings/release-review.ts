import { releaseResult, reviewPath as path } from '../../../shared/mail/admin-schemas.js';
import { releaseReviewItem } from '../../../shared/mail/review.js';
import { defineRoute } from '../../../shared/http/route.js';

export default defineRoute({
  operationId: 'releaseMailReviewItem',
  method: 'POST',
  path: '/mail/review/{messageId}/release',
  summary: 'Release a spam or quarantined message, or process a failed one again: the inbound pipeline runs again without the verdict check; answers its outcome and ticket',
  tags: ['mail-settings'],
  access: { permission: 'settings:update' },
  roles: ['admin'],
  staffOnly: true,
  request: { path },
  response: releaseResult,
  errors: [404, 409],
  handler: async ({ path }) => releaseReviewItem(path.messageId),
});
