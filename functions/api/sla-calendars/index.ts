import { createApiHandler } from '../../../shared/http/pipeline.js';

export const routes = [];
export const handler = createApiHandler(routes);
