import { defineRoute } from '../../../shared/http/route.js';
import { listCannedReplies } from '../../../shared/tickets/canned.js';
import { cannedReplyPage, listCannedRepliesQuery as query } from '../../../shared/tickets/conversation-schemas.js';

export default defineRoute({
  operationId: 'listCannedReplies',
  method: 'GET',
  path: '/canned-replies',
  summary: 'Canned replies by title (optional title prefix `q`, optional category)',
  tags: ['canned-replies'],
  access: { permission: 'canned_replies:read' },
  roles: ['admin', 'manager', 'agent', 'technician'],
  request: { query },
  response: cannedReplyPage,
  handler: async ({ query }) => listCannedReplies(query),
});
