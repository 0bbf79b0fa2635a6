import { defineRoute } from '../../../shared/http/route.js';
import { deleteCannedReply } from '../../../shared/tickets/canned.js';
import { cannedReplyPath as path, noContent } from '../../../shared/tickets/conversation-schemas.js';

export default defineRoute({
  operationId: 'deleteCannedReply',
  method: 'DELETE',
  path: '/canned-replies/{cannedReplyId}',
  summary: 'Delete a canned reply (messages made from it keep their text)',
  tags: ['canned-replies'],
  access: { permission: 'canned_replies:manage' },
  roles: ['admin', 'manager'],
  request: { path },
  status: 204,
  response: noContent,
  errors: [404],
  handler: async ({ path }) => deleteCannedReply(path.cannedReplyId),
});
