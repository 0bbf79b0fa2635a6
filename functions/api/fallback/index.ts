import { createApiHandler } from '../../../shared/http/pipeline.js';
import { allRoutes } from '../routes.js';

/** API Gateway's `$default` route: answers `not_found` or `method_not_allowed` in the API's error shape. */
export const handler = createApiHandler(allRoutes);
