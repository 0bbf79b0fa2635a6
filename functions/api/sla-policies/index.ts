import { createApiHandler } from '../../../shared/http/pipeline.js';
import createPolicy from './create-policy.js';
import deletePolicy from './delete-policy.js';
import getPolicy from './get-policy.js';
import getSettings from './get-settings.js';
import listPolicies from './list-policies.js';
import updatePolicy from './update-policy.js';
import updateSettings from './update-settings.js';

export const routes = [listPolicies, createPolicy, getPolicy, updatePolicy, deletePolicy, getSettings, updateSettings];
export const handler = createApiHandler(routes);
