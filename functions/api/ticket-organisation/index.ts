import { createApiHandler } from '../../../shared/http/pipeline.js';
import addWatcher from './add-watcher.js';
import changeTicketTags from './change-ticket-tags.js';
import createTag from './create-tag.js';
import deleteTag from './delete-tag.js';
import linkTickets from './link-tickets.js';
import listTags from './list-tags.js';
import listWatchers from './list-watchers.js';
import mergeTicket from './merge-ticket.js';
import myWatching from './my-watching.js';
import removeWatcher from './remove-watcher.js';
import tagStats from './tag-stats.js';
import unlinkTickets from './unlink-tickets.js';
import updateTag from './update-tag.js';
import watcherPreferences from './watcher-preferences.js';

export const routes = [listTags, tagStats, createTag, updateTag, deleteTag, changeTicketTags, listWatchers, addWatcher, removeWatcher, watcherPreferences, myWatching, mergeTicket, linkTickets, unlinkTickets];
export const handler = createApiHandler(routes);
