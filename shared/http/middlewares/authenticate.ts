import { actorFromClaims, type AccessClaims, type UserActor } from '../../auth/actor.js';
import { AppError, ForbiddenError, UnauthorizedError } from '../../errors.js';
import { requestIdOf, type ApiMiddleware, type ApiRequest } from '../context.js';

export type VerifyToken = (token: string) => Promise<AccessClaims>;
/** Turns verified claims into the acting user (e.g. reading their current role and status). */
export type ResolveActor = (claims: AccessClaims) => Promise<UserActor>;

export class MfaSetupRequiredError extends AppError {
  constructor() {
    super(403, 'mfa_setup_required', 'Set up two-factor authentication to continue');
  }
}

/**
 * Verifies the bearer token (unless the route is public), resolves the acting user, enforces TOTP
 * for staff, checks the route's permission, and sets the request context the handler runs in.
 */
export function authenticate(verify: VerifyToken, resolveActor: ResolveActor = async (c) => actorFromClaims(c)): ApiMiddleware {
  return {
    before: async (request: ApiRequest) => {
      const route = request.context.route!;
      const { http } = request.event.requestContext;
      const bind = (actor: NonNullable<ApiRequest['context']['actor']>) => {
        request.context.requestContext = { requestId: requestIdOf(request), operationId: route.operationId, actor, ip: http.sourceIp, userAgent: http.userAgent };
      };
      if (route.access === 'public') {
        request.context.actor = { kind: 'anonymous' };
        bind(request.context.actor);
        return;
      }
      const header = request.event.headers?.authorization ?? request.event.headers?.Authorization;
      const token = /^Bearer\s+(\S+)$/i.exec(header ?? '')?.[1];
      if (!token) throw new UnauthorizedError('unauthorized', 'Missing bearer token');
      const actor = await resolveActor(await verify(token));
      if (actor.isStaff && !actor.mfaEnrolled && !route.allowWithoutMfa) throw new MfaSetupRequiredError();
      if (typeof route.access === 'object' && !actor.permissions.has(route.access.permission)) {
        throw new ForbiddenError();
      }
      if (route.customersOnly && actor.isStaff) throw new ForbiddenError('Only customer users may do this');
      if (route.staffOnly && !actor.isStaff) throw new ForbiddenError();
      request.context.actor = actor;
      bind(actor);
    },
  };
}
