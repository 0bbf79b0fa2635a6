import { defineRoute } from '../../../shared/http/route.js';
import { getCannedReply } from '../../../shared/tickets/canned.js';
import { cannedReplyPath as path, cannedReplyView } from '../../../shared/tickets/conversation-schemas.js';

export default defineRoute({
  operationId: 'getCannedReply',
  method: 'GET',
  path: '/canned-replies/{cannedReplyId}',
  summary: 'One canned reply',
  tags: ['canned-replies'],
  access: { permission: 'canned_replies:read' },
  roles: ['admin', 'manager', 'agent', 'technician'],
  request: { path },
  response: cannedReplyView,
  errors: [404],
  handler: async ({ path }) => getCannedReply(path.cannedReplyId),
});
