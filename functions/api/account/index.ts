import { createApiHandler } from '../../../shared/http/pipeline.js';
import me from './me.js';

export const routes = [me];
export const handler = createApiHandler(routes);
