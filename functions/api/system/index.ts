import { createApiHandler } from '../../../shared/http/pipeline.js';
import health from './health.js';

export const routes = [health];
export const handler = createApiHandler(routes);
