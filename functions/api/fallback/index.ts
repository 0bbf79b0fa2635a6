import { createFallbackHandler } from '../../../shared/http/base-pipeline.js';
import type { RoutePattern } from '../../../shared/http/router.js';
// Generated from the route table by `npm run openapi` (functions/api/route-manifest.test.ts keeps it current).
import manifest from '../route-manifest.json';

/**
 * API Gateway's `$default` route: answers `not_found` or `method_not_allowed` in the API's error
 * shape. It knows only the method and path of each route, to tell 404 from 405; it never runs a
 * route, so it loads no route module, identity resolver or table client.
 */
export const handler = createFallbackHandler(manifest as RoutePattern[]);
