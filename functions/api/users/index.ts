import { createApiHandler } from '../../../shared/http/pipeline.js';
import changeRole from './change-role.js';
import createUser from './create-user.js';
import disableUser from './disable-user.js';
import enableUser from './enable-user.js';
import getUser from './get-user.js';
import listUsers from './list-users.js';
import resetMfa from './reset-mfa.js';

export const routes = [listUsers, getUser, createUser, changeRole, disableUser, enableUser, resetMfa];
export const handler = createApiHandler(routes);
