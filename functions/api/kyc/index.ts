import { createApiHandler } from '../../../shared/http/pipeline.js';
import type { Route } from '../../../shared/http/route.js';

export const routes: Route[] = [];
export const handler = createApiHandler(routes);
