import { deleteReviewBatch as body, deleteReviewBatchResult } from '../../../shared/mail/admin-schemas.js';
import { deleteReviewItems } from '../../../shared/mail/review.js';
import { defineRoute } from '../../../shared/http/route.js';

export default defineRoute({
  operationId: 'deleteMailReviewItems',
  method: 'POST',
  path: '/mail/review/delete',
  summary: 'Delete up to 100 held messages at once (as DELETE /mail/review/{messageId} each); unknown or no longer held ones are listed under `skipped`',
  tags: ['mail-settings'],
  access: { permission: 'settings:update' },
  roles: ['admin'],
  staffOnly: true,
  request: { body },
  response: deleteReviewBatchResult,
  handler: async ({ body }) => deleteReviewItems(body.messageIds),
});
