import { actorFromClaims, type AccessClaims } from '../../auth/actor.js';
import { ForbiddenError, UnauthorizedError } from '../../errors.js';
import type { ApiMiddleware, ApiRequest } from '../context.js';

export type VerifyToken = (token: string) => Promise<AccessClaims>;

/** Verifies the bearer token (unless the route is public) and checks the route's permission. */
export function authenticate(verify: VerifyToken): ApiMiddleware {
  return {
    before: async (request: ApiRequest) => {
      const route = request.context.route!;
      if (route.access === 'public') {
        request.context.actor = { kind: 'anonymous' };
        return;
      }
      const header = request.event.headers?.authorization ?? request.event.headers?.Authorization;
      const token = /^Bearer\s+(\S+)$/i.exec(header ?? '')?.[1];
      if (!token) throw new UnauthorizedError('unauthorized', 'Missing bearer token');
      const actor = actorFromClaims(await verify(token));
      if (typeof route.access === 'object' && !actor.permissions.has(route.access.permission)) {
        throw new ForbiddenError();
      }
      request.context.actor = actor;
    },
  };
}
