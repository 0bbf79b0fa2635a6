import { createApiHandler } from '../../../shared/http/pipeline.js';
import approveRequest from './approve-request.js';
import createRequest from './create-request.js';
import listRequests from './list-requests.js';
import rejectRequest from './reject-request.js';

export const routes = [createRequest, listRequests, approveRequest, rejectRequest];
export const handler = createApiHandler(routes);
