import { noContent, reviewPath as path } from '../../../shared/mail/admin-schemas.js';
import { deleteReviewItem } from '../../../shared/mail/review.js';
import { defineRoute } from '../../../shared/http/route.js';

export default defineRoute({
  operationId: 'deleteMailReviewItem',
  method: 'DELETE',
  path: '/mail/review/{messageId}',
  summary: 'Delete a held (spam, quarantined or failed) message: its raw MIME is removed and the record leaves the review list (status rejected, reason deleted_by_admin)',
  tags: ['mail-settings'],
  access: { permission: 'settings:update' },
  roles: ['admin'],
  staffOnly: true,
  request: { path },
  status: 204,
  response: noContent,
  errors: [404, 409],
  handler: async ({ path }) => deleteReviewItem(path.messageId),
});
