import { MethodNotAllowedError, NotFoundError } from '../../errors.js';
import type { ApiMiddleware, ApiRequest } from '../context.js';
import type { Route } from '../route.js';
import { Router } from '../router.js';

/**
 * Picks the route for the event: by API Gateway's routeKey when it names one of ours, else by
 * matching method and path (the `$default` route and the local server), answering 404 or 405.
 */
export function resolveRoute(routes: readonly Route[]): ApiMiddleware {
  const router = new Router(routes);
  return {
    before: async (request: ApiRequest) => {
      const { event } = request;
      const byKey = router.byRouteKey(event.routeKey);
      if (byKey) {
        request.context.route = byKey;
        request.context.params = (event.pathParameters ?? {}) as Record<string, string>;
        return;
      }
      const match = router.match(event.requestContext.http.method, event.rawPath);
      if (match.kind === 'not_found') throw new NotFoundError('No such route');
      if (match.kind === 'method_not_allowed') throw new MethodNotAllowedError(match.allowed);
      request.context.route = match.route;
      request.context.params = match.params;
    },
  };
}
