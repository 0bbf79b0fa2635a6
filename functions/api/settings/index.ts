import { createApiHandler } from '../../../shared/http/pipeline.js';
import getOrganisation from './get-organisation.js';
import updateOrganisation from './update-organisation.js';

export const routes = [getOrganisation, updateOrganisation];
export const handler = createApiHandler(routes);
