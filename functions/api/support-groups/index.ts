import { createApiHandler } from '../../../shared/http/pipeline.js';
import addMember from './add-member.js';
import createGroup from './create-group.js';
import deleteGroup from './delete-group.js';
import getGroup from './get-group.js';
import listGroups from './list-groups.js';
import myGroups from './my-groups.js';
import removeMember from './remove-member.js';
import setAvailability from './set-availability.js';
import updateGroup from './update-group.js';

export const routes = [listGroups, getGroup, createGroup, updateGroup, deleteGroup, addMember, removeMember, myGroups, setAvailability];
export const handler = createApiHandler(routes);
