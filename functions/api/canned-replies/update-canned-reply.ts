import { defineRoute } from '../../../shared/http/route.js';
import { updateCannedReply } from '../../../shared/tickets/canned.js';
import { cannedReplyPath as path, cannedReplyView, updateCannedReply as body } from '../../../shared/tickets/conversation-schemas.js';

export default defineRoute({
  operationId: 'updateCannedReply',
  method: 'PATCH',
  path: '/canned-replies/{cannedReplyId}',
  summary: 'Change title, body or category of the version read (`conflict` otherwise); unknown `{{variables}}` are refused',
  tags: ['canned-replies'],
  access: { permission: 'canned_replies:manage' },
  roles: ['admin', 'manager'],
  request: { path, body },
  response: cannedReplyView,
  errors: [404, 409],
  handler: async ({ path, body }) => updateCannedReply(path.cannedReplyId, body),
});
