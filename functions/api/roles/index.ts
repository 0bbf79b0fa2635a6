import { createApiHandler } from '../../../shared/http/pipeline.js';
import createRole from './create-role.js';
import deleteRole from './delete-role.js';
import getRoles from './get-roles.js';
import getVersion from './get-version.js';
import listVersions from './list-versions.js';
import restoreVersion from './restore-version.js';
import updateMatrix from './update-matrix.js';

export const routes = [getRoles, updateMatrix, listVersions, getVersion, restoreVersion, createRole, deleteRole];
export const handler = createApiHandler(routes);
