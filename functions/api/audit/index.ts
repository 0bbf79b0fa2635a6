import { createApiHandler } from '../../../shared/http/pipeline.js';
import listAudit from './list-audit.js';
import myActivity from './my-activity.js';

export const routes = [listAudit, myActivity];
export const handler = createApiHandler(routes);
