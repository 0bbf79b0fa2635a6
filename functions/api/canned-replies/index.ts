import { createApiHandler } from '../../../shared/http/pipeline.js';
import createCannedReply from './create-canned-reply.js';
import deleteCannedReply from './delete-canned-reply.js';
import getCannedReply from './get-canned-reply.js';
import listCannedReplies from './list-canned-replies.js';
import previewCannedReply from './preview-canned-reply.js';
import updateCannedReply from './update-canned-reply.js';

export const routes = [listCannedReplies, getCannedReply, createCannedReply, updateCannedReply, deleteCannedReply, previewCannedReply];
export const handler = createApiHandler(routes);
