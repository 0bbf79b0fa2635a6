/**
 * Demo SLA configuration for `npm start` (with the demo customers): the "Office hours" calendar
 * (Monday–Friday 09:00–18:00, Africa/Algiers) as the default, one policy per priority (first
 * response / next response / resolution in business minutes, warning at 80 %, default pause
 * statuses) and both automation rules on. Creates only what is missing.
 */
const officeDay = [{ start: '09:00', end: '18:00' }];

export const demoSlaPolicies = [
  { name: 'Urgent', priority: 'urgent', targets: { firstResponse: 60, nextResponse: 120, resolution: 480 }, escalation: { raisePriority: false, assignToLead: true, notifyManagers: true } },
  { name: 'High', priority: 'high', targets: { firstResponse: 120, nextResponse: 240, resolution: 960 }, escalation: { raisePriority: true, assignToLead: false, notifyManagers: true } },
  { name: 'Medium', priority: 'medium', targets: { firstResponse: 240, nextResponse: 480, resolution: 2400 }, escalation: { raisePriority: true, assignToLead: false, notifyManagers: false } },
  { name: 'Low', priority: 'low', targets: { firstResponse: 480, nextResponse: 960, resolution: 4800 }, escalation: { raisePriority: true, assignToLead: false, notifyManagers: false } },
] as const;

export async function seedSla(): Promise<{ calendars: number; policies: number }> {
  const { createCalendar, listCalendars } = await import('../../shared/sla/calendars.js');
  const { createPolicy } = await import('../../shared/sla/policies.js');
  const { getSlaSettings, updateSlaSettings } = await import('../../shared/sla/settings.js');
  const { createSlaPolicy } = await import('../../shared/sla/schemas.js');
  let calendars = 0;
  let calendar = (await listCalendars()).items.find((c) => c.name === 'Office hours');
  if (!calendar) {
    calendar = await createCalendar({ name: 'Office hours', timezone: 'Africa/Algiers', mode: 'business', week: [officeDay, officeDay, officeDay, officeDay, officeDay, [], []], holidays: [] });
    calendars++;
  }
  const settings = await getSlaSettings();
  if (settings.version === 0) {
    await updateSlaSettings({
      version: 0,
      defaultCalendarId: calendar.calendarId,
      autoClose: { enabled: true, afterDays: 7, reopenDays: 14 },
      waitingReminder: { enabled: true, afterDays: 3, resolveAfterDays: 7 },
    });
  }
  let policies = 0;
  for (const policy of demoSlaPolicies) {
    const created = await createPolicy(createSlaPolicy.parse(policy)).catch((err: unknown) => {
      if ((err as { code?: string }).code !== 'policy_conflict') throw err;
    });
    if (created) policies++;
  }
  return { calendars, policies };
}
