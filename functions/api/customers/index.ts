import { createApiHandler } from '../../../shared/http/pipeline.js';
import changeStatus from './change-status.js';
import createCustomer from './create-customer.js';
import createGroup from './create-group.js';
import createOwnCustomer from './create-own-customer.js';
import customerActivity from './customer-activity.js';
import customerStats from './customer-stats.js';
import deleteGroup from './delete-group.js';
import getCustomer from './get-customer.js';
import listCustomers from './list-customers.js';
import listGroups from './list-groups.js';
import updateCustomer from './update-customer.js';
import updateGroup from './update-group.js';

export const routes = [
  listCustomers,
  customerStats,
  createCustomer,
  getCustomer,
  updateCustomer,
  changeStatus,
  customerActivity,
  createOwnCustomer,
  listGroups,
  createGroup,
  updateGroup,
  deleteGroup,
];
export const handler = createApiHandler(routes);
