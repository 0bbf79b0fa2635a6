import { randomUUID } from 'node:crypto';
import { Service } from 'electrodb';
import { documentClient, tableName } from '../db/client.js';
import { Counter } from '../db/entities/counter.js';
import { SlaCalendar, type SlaCalendarItem } from '../db/entities/sla-calendar.js';
import { SlaSettings } from '../db/entities/sla-settings.js';
import { ConflictError, NotFoundError } from '../errors.js';
import { readAllCalendars, resetSlaConfigCache, slaConfigStamp } from './config.js';
import type { CreateSlaCalendar, SlaCalendarView, UpdateSlaCalendar } from './schemas.js';
import { getSlaSettings } from './settings.js';

const makeStore = () => new Service({ slaCalendar: SlaCalendar, slaSettings: SlaSettings, counter: Counter }, { client: documentClient, table: tableName });
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

/** Every calendar write also bumps the SLA configuration stamp in its transaction (every process's cache reloads). */
export async function createCalendar(input: CreateSlaCalendar): Promise<SlaCalendarView> {
  const calendarId = randomUUID();
  const result = await getStore()
    .transaction.write(({ slaCalendar, counter }) => [slaCalendar.create({ calendarId, ...input }).commit(), counter.upsert(slaConfigStamp).add({ value: 1 }).commit()])
    .go();
  if (result.canceled) throw new Error(`SLA calendar creation cancelled: ${result.data.map((d) => d.code).join(', ')}`);
  resetSlaConfigCache();
  return getCalendar(calendarId);
}

/** Replaces a calendar's fields if the caller saw its latest version. */
export async function updateCalendar(calendarId: string, input: UpdateSlaCalendar): Promise<SlaCalendarView> {
  const { version, ...fields } = input;
  const result = await getStore()
    .transaction.write(({ slaCalendar, counter }) => [
      slaCalendar.patch({ calendarId }).set({ ...fields, version: version + 1 }).where(({ version: v }, { eq }) => eq(v, version)).commit(),
      counter.upsert(slaConfigStamp).add({ value: 1 }).commit(),
    ])
    .go();
  if (result.canceled) {
    if (!(result.data as { rejected?: boolean }[])[0]?.rejected) throw new Error(`SLA calendar update cancelled: ${result.data.map((d) => d.code).join(', ')}`);
    if (!(await SlaCalendar.get({ calendarId }).go()).data) throw notFound();
    throw stale();
  }
  resetSlaConfigCache();
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
    .transaction.write(({ slaCalendar, slaSettings, counter }) => [
      slaCalendar.delete({ calendarId }).where(({ policyCount }, { eq }) => eq(policyCount, 0)).commit(),
      ...(settings.version > 0
        ? [slaSettings.check({ settingsId: 'sla' }).where(({ defaultCalendarId }, { notExists, ne }) => `${notExists(defaultCalendarId)} OR ${ne(defaultCalendarId, calendarId)}`).commit()]
        : []),
      counter.upsert(slaConfigStamp).add({ value: 1 }).commit(),
    ])
    .go();
  if (result.canceled) {
    if (!(await SlaCalendar.get({ calendarId }).go()).data) throw notFound();
    throw inUse('The calendar came into use meanwhile');
  }
  resetSlaConfigCache();
  return { calendarId };
}
