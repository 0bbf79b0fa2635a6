import { randomUUID } from 'node:crypto';
import { Service } from 'electrodb';
import { documentClient, tableName } from '../db/client.js';
import { isConditionalCheckFailed } from '../db/errors.js';
import { SlaCalendar, type SlaCalendarItem } from '../db/entities/sla-calendar.js';
import { SlaSettings } from '../db/entities/sla-settings.js';
import { ConflictError, NotFoundError } from '../errors.js';
import { readAllCalendars } from './config.js';
import type { CreateSlaCalendar, SlaCalendarView, UpdateSlaCalendar } from './schemas.js';
import { getSlaSettings } from './settings.js';

const makeStore = () => new Service({ slaCalendar: SlaCalendar, slaSettings: SlaSettings }, { client: documentClient, table: tableName });
let store: ReturnType<typeof makeStore> | undefined;
const getStore = () => (store ??= makeStore());

const notFound = () => new NotFoundError('No such SLA calendar');
const stale = () => new ConflictError('conflict', 'The calendar changed since you loaded it; reload and try again');

export function toCalendarView(item: SlaCalendarItem, defaultCalendarId: string | null): SlaCalendarView {
  return {
    calendarId: item.calendarId,
    name: item.name,
    timezone: item.timezone,
    mode: item.mode,
    week: item.week,
    holidays: item.holidays,
    policyCount: item.policyCount,
    isDefault: item.calendarId === defaultCalendarId,
    version: item.version,
    createdAt: item.createdAt,
    updatedAt: item.updatedAt,
  };
}

/** Every calendar, by name (a short list: admins curate it). */
export async function listCalendars(): Promise<{ items: SlaCalendarView[] }> {
  const [items, settings] = await Promise.all([readAllCalendars(), getSlaSettings()]);
  const views = items.map((i) => toCalendarView(i, settings.defaultCalendarId));
  return { items: views.sort((a, b) => a.name.localeCompare(b.name)) };
}

export async function getCalendar(calendarId: string): Promise<SlaCalendarView> {
  const [{ data }, settings] = await Promise.all([SlaCalendar.get({ calendarId }).go(), getSlaSettings()]);
  if (!data) throw notFound();
  return toCalendarView(data, settings.defaultCalendarId);
}

export async function createCalendar(input: CreateSlaCalendar): Promise<SlaCalendarView> {
  const { data } = await SlaCalendar.create({ calendarId: randomUUID(), ...input }).go();
  return getCalendar(data.calendarId);
}

/** Replaces a calendar's fields if the caller saw its latest version. */
export async function updateCalendar(calendarId: string, input: UpdateSlaCalendar): Promise<SlaCalendarView> {
  const { version, ...fields } = input;
  try {
    await SlaCalendar.patch({ calendarId })
      .set({ ...fields, version: version + 1 })
      .where(({ version: v }, { eq }) => eq(v, version))
      .go();
  } catch (err) {
    if (!isConditionalCheckFailed(err)) throw err;
    if (!(await SlaCalendar.get({ calendarId }).go()).data) throw notFound();
    throw stale();
  }
  return getCalendar(calendarId);
}

const inUse = (message: string) => new ConflictError('calendar_in_use', message);

/**
 * Deletes a calendar no policy uses and that is not the default one (409 `calendar_in_use`);
 * both are conditions of the delete, so a policy added meanwhile keeps it.
 */
export async function deleteCalendar(calendarId: string): Promise<{ calendarId: string }> {
  const [{ data }, settings] = await Promise.all([SlaCalendar.get({ calendarId }).go(), getSlaSettings()]);
  if (!data) throw notFound();
  if (data.policyCount > 0) throw inUse('Policies use this calendar; give them another calendar first');
  if (settings.defaultCalendarId === calendarId) throw inUse('This is the default calendar; choose another default first');
  const result = await getStore()
    .transaction.write(({ slaCalendar, slaSettings }) => [
      slaCalendar.delete({ calendarId }).where(({ policyCount }, { eq }) => eq(policyCount, 0)).commit(),
      ...(settings.version > 0
        ? [slaSettings.check({ settingsId: 'sla' }).where(({ defaultCalendarId }, { notExists, ne }) => `${notExists(defaultCalendarId)} OR ${ne(defaultCalendarId, calendarId)}`).commit()]
        : []),
    ])
    .go();
  if (result.canceled) {
    if (!(await SlaCalendar.get({ calendarId }).go()).data) throw notFound();
    throw inUse('The calendar came into use meanwhile');
  }
  return { calendarId };
}
