import { createPublicApiHandler } from '../../../shared/http/base-pipeline.js';
import health from './health.js';

export const routes = [health];
// Public GETs only: no token verification, identity resolver or audit trail to load.
export const handler = createPublicApiHandler(routes);
