import { Service } from 'electrodb';
import { documentClient, tableName } from '../db/client.js';
import { Counter } from '../db/entities/counter.js';
import { SlaCalendar } from '../db/entities/sla-calendar.js';
import { SlaSettings, type SlaSettingsItem } from '../db/entities/sla-settings.js';
import { ConflictError, ValidationError } from '../errors.js';
import { resetSlaConfigCache, slaConfigStamp } from './config.js';
import type { SlaSettingsView, UpdateSlaSettings } from './schemas.js';

const settingsId = 'sla';

/** Until an admin saves them: no default calendar, both automation rules off. */
export const defaultSlaSettings: SlaSettingsView = {
  defaultCalendarId: null,
  autoClose: { enabled: false, afterDays: 7, reopenDays: 14 },
  waitingReminder: { enabled: false, afterDays: 3, resolveAfterDays: 7 },
  version: 0,
  updatedAt: null,
};

const makeStore = () => new Service({ slaSettings: SlaSettings, slaCalendar: SlaCalendar, counter: Counter }, { client: documentClient, table: tableName });
let store: ReturnType<typeof makeStore> | undefined;
const getStore = () => (store ??= makeStore());

function toSettingsView(item: SlaSettingsItem): SlaSettingsView {
  return {
    defaultCalendarId: item.defaultCalendarId ?? null,
    autoClose: item.autoClose,
    waitingReminder: item.waitingReminder,
    version: item.version,
    updatedAt: item.updatedAt,
  };
}

/** The SLA settings (the defaults while never saved). */
export async function getSlaSettings(): Promise<SlaSettingsView> {
  const { data } = await SlaSettings.get({ settingsId }).go();
  return data ? toSettingsView(data) : defaultSlaSettings;
}

const unknownCalendar = () => new ValidationError([{ path: 'body.defaultCalendarId', message: 'Unknown calendar', code: 'unknown_calendar' }]);
const stale = () => new ConflictError('conflict', 'The SLA settings changed since you loaded them; reload and try again');

/**
 * Replaces the settings if the caller saw the latest version (0: never saved). The default
 * calendar must exist; it is checked in the same transaction.
 */
export async function updateSlaSettings(input: UpdateSlaSettings): Promise<SlaSettingsView> {
  const { version, defaultCalendarId, autoClose, waitingReminder } = input;
  const current = await getSlaSettings();
  if (current.version !== version) throw stale();
  if (defaultCalendarId && !(await SlaCalendar.get({ calendarId: defaultCalendarId }).go()).data) throw unknownCalendar();
  const fields = { autoClose, waitingReminder, version: version + 1 };
  const result = await getStore()
    .transaction.write(({ slaSettings, slaCalendar, counter }) => [
      version === 0
        ? slaSettings.create({ settingsId, ...fields, ...(defaultCalendarId ? { defaultCalendarId } : {}) }).commit()
        : (defaultCalendarId
            ? slaSettings.patch({ settingsId }).set({ ...fields, defaultCalendarId })
            : slaSettings.patch({ settingsId }).set(fields).remove(['defaultCalendarId'])
          )
            .where(({ version: v }, { eq }) => eq(v, version))
            .commit(),
      ...(defaultCalendarId ? [slaCalendar.check({ calendarId: defaultCalendarId }).where(({ calendarId }, { exists }) => exists(calendarId)).commit()] : []),
      // The configuration stamp: every process's SLA cache reloads.
      counter.upsert(slaConfigStamp).add({ value: 1 }).commit(),
    ])
    .go();
  if (result.canceled) {
    const outcomes = result.data as { rejected?: boolean }[];
    if (outcomes[0]?.rejected) throw stale();
    if (outcomes[1]?.rejected) throw unknownCalendar();
    throw new Error(`SLA settings update cancelled: ${result.data.map((d) => d.code).join(', ')}`);
  }
  resetSlaConfigCache();
  return getSlaSettings();
}
