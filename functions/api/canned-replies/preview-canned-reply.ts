import { defineRoute } from '../../../shared/http/route.js';
import { previewCannedReply } from '../../../shared/tickets/canned.js';
import { cannedReplyPath as path, cannedReplyPreview, previewCannedReply as body } from '../../../shared/tickets/conversation-schemas.js';

export default defineRoute({
  operationId: 'previewCannedReply',
  method: 'POST',
  path: '/canned-replies/{cannedReplyId}/preview',
  summary: 'The canned reply rendered for a ticket as plain text (each `{{variable}}` replaced by its value, nothing evaluated)',
  tags: ['canned-replies'],
  access: { permission: 'canned_replies:read' },
  roles: ['admin', 'manager', 'agent', 'technician'],
  request: { path, body },
  response: cannedReplyPreview,
  errors: [404],
  handler: async ({ path, body, actor }) => previewCannedReply(actor, path.cannedReplyId, body.ticketId),
});
