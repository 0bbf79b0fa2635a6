import { createApiHandler } from '../../../shared/http/pipeline.js';
import getMetrics from './get-metrics.js';

export const routes = [getMetrics];
export const handler = createApiHandler(routes);
