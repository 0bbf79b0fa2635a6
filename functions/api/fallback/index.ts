import { NotFoundError } from '../../../shared/errors.js';
import { createApiHandler } from '../../../shared/http/pipeline.js';
import type { Route } from '../../../shared/http/route.js';
import { allRoutes } from '../routes.js';

const answerOnly: Route[] = allRoutes.map((route) => ({
  ...route,
  handler: async () => {
    throw new NotFoundError('No such route');
  },
}));

/**
 * API Gateway's `$default` route: answers `not_found` or `method_not_allowed` in the API's error
 * shape. It knows the routes only to tell 404 from 405; it never runs their handlers.
 */
export const handler = createApiHandler(answerOnly);
