import { actorFromClaims, type AccessClaims } from '../auth/actor.js';
import { auditRequests } from '../audit/request-audit.js';
import { apiStack, runRoute } from './base-pipeline.js';
import { authenticate, type ResolveActor, type VerifyToken } from './middlewares/authenticate.js';
import { parseInput } from './middlewares/parse-input.js';
import { resolveRoute } from './middlewares/resolve-route.js';
import type { Route } from './route.js';

export { corsOptions, createFallbackHandler, createPublicApiHandler } from './base-pipeline.js';

export interface PipelineOptions {
  /** Token verification; defaults to aws-jwt-verify against the configured issuer. */
  verify?: VerifyToken;
  /**
   * Claims → acting user; defaults to shared/identity/resolve-actor.ts (user record + token
   * registration, one read). Tests may pass `claimsOnlyActor` to act on the token's groups alone.
   */
  resolveActor?: ResolveActor;
}

async function defaultVerify(token: string) {
  const { verifyAccessToken } = await import('../auth/verifier.js');
  return verifyAccessToken(token);
}

async function defaultResolveActor(claims: AccessClaims) {
  const { resolveActor } = await import('../identity/resolve-actor.js');
  return resolveActor(claims);
}

/** The actor from the token's claims alone (groups → role), with no reads: for unit tests of routes. */
export const claimsOnlyActor: ResolveActor = async (claims) => actorFromClaims(claims);

/**
 * One middy stack for every API Lambda with signed-in or state-changing routes: logger and
 * metrics context → route → JWT auth and permission → zod input → handler → audit record (every
 * non-GET route) → error mapper → security headers and CORS. Lambdas serving only public GETs use
 * createPublicApiHandler, the `$default` Lambda createFallbackHandler (shared/http/base-pipeline.ts).
 */
export function createApiHandler(routes: readonly Route[], options: PipelineOptions = {}) {
  return apiStack()
    .use(resolveRoute(routes))
    .use(authenticate(options.verify ?? defaultVerify, options.resolveActor ?? defaultResolveActor))
    .use(parseInput())
    .use(auditRequests())
    .handler(runRoute);
}

export type ApiHandler = ReturnType<typeof createApiHandler>;
