import { createApiHandler } from '../../../shared/http/pipeline.js';
import createCalendar from './create-calendar.js';
import deleteCalendar from './delete-calendar.js';
import getCalendar from './get-calendar.js';
import listCalendars from './list-calendars.js';
import updateCalendar from './update-calendar.js';

export const routes = [listCalendars, createCalendar, getCalendar, updateCalendar, deleteCalendar];
export const handler = createApiHandler(routes);
