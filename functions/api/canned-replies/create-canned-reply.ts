import { defineRoute } from '../../../shared/http/route.js';
import { createCannedReply } from '../../../shared/tickets/canned.js';
import { cannedReplyView, createCannedReply as body } from '../../../shared/tickets/conversation-schemas.js';

export default defineRoute({
  operationId: 'createCannedReply',
  method: 'POST',
  path: '/canned-replies',
  summary: 'Save a canned reply; `{{variables}}` outside the allowed list are refused with `unknown_template_variable` (400)',
  tags: ['canned-replies'],
  access: { permission: 'canned_replies:manage' },
  roles: ['admin', 'manager'],
  request: { body },
  status: 201,
  response: cannedReplyView,
  handler: async ({ body, actor }) => createCannedReply(actor, body),
});
