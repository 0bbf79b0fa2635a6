import * as z from 'zod';
import { timezoneSchema } from '../settings/schemas.js';
import { ticketPriorities, ticketStatusList } from '../tickets/schemas.js';

// SLA configuration (issue 7): calendars, policies, settings. Imported by the web forms too, so
// only zod and plain constants here.

const id = z.string().min(1).max(64);
const version = z.int().positive();
const hhmm = /^(?:[01]\d|2[0-3]):[0-5]\d$/;

/** `HH:MM` → minutes of the day; `24:00` → 1440. */
export const minuteOfDay = (t: string): number => (t === '24:00' ? 1440 : Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5)));

export const timeRange = z
  .object({
    start: z.string().regex(hhmm, 'Use HH:MM (00:00–23:59)'),
    end: z.string().refine((t) => t === '24:00' || hhmm.test(t), 'Use HH:MM (00:01–24:00)'),
  })
  .strict();

/** One weekday's ranges: each start before its end, sorted, not overlapping (touching is fine). */
export const dayRanges = z
  .array(timeRange)
  .max(8)
  .superRefine((ranges, ctx) => {
    ranges.forEach((r, i) => {
      if (!hhmm.test(r.start) || !(r.end === '24:00' || hhmm.test(r.end))) return;
      if (minuteOfDay(r.start) >= minuteOfDay(r.end)) {
        ctx.addIssue({ code: 'custom', path: [i, 'end'], message: 'The end must come after the start' });
      }
      const prev = ranges[i - 1];
      if (prev && minuteOfDay(r.start) < minuteOfDay(prev.end)) {
        ctx.addIssue({ code: 'custom', path: [i, 'start'], message: 'Ranges must be sorted and must not overlap' });
      }
    });
  });

export const holiday = z
  .object({ date: z.iso.date(), name: z.string().trim().min(1).max(120), recurring: z.boolean().default(false) })
  .strict();

/** A holiday's day: the full date, or `MM-DD` for a yearly one. */
const holidayDay = (h: { date: string; recurring: boolean }) => (h.recurring ? h.date.slice(5) : h.date);

/** No day twice: the same date, or a one-off date that a yearly holiday already covers. */
export const holidayList = z
  .array(holiday)
  .max(200)
  .superRefine((list, ctx) => {
    const yearly = new Set(list.filter((h) => h.recurring).map(holidayDay));
    const seen = new Set<string>();
    list.forEach((h, i) => {
      const key = holidayDay(h);
      if (seen.has(`${h.recurring}#${key}`) || (!h.recurring && yearly.has(key.slice(5)))) {
        ctx.addIssue({ code: 'custom', path: [i, 'date'], message: 'This day is already a holiday' });
      }
      seen.add(`${h.recurring}#${key}`);
    });
  });

export const calendarMode = z.enum(['business', 'always']);

const calendarFields = {
  name: z.string().trim().min(1).max(120),
  timezone: timezoneSchema,
  mode: calendarMode.default('business'),
  /** Monday first: exactly seven days. */
  week: z.array(dayRanges).length(7),
  holidays: holidayList.default([]),
};

export const createSlaCalendar = z.object(calendarFields).strict().meta({ id: 'CreateSlaCalendar' });
export const updateSlaCalendar = z.object({ ...calendarFields, version }).strict().meta({ id: 'UpdateSlaCalendar' });

export const slaCalendarView = z
  .object({
    calendarId: z.string(),
    name: z.string(),
    timezone: z.string(),
    mode: calendarMode,
    week: z.array(z.array(z.object({ start: z.string(), end: z.string() }))),
    holidays: z.array(z.object({ date: z.string(), name: z.string(), recurring: z.boolean() })),
    /** Policies using it (it cannot be deleted while > 0). */
    policyCount: z.int(),
    isDefault: z.boolean(),
    version: z.int(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'SlaCalendar' });

export const slaCalendarList = z.object({ items: z.array(slaCalendarView) }).meta({ id: 'SlaCalendarList' });
export const slaCalendarPath = z.object({ calendarId: id });
export const slaCalendarDeleted = z.object({ calendarId: z.string() }).meta({ id: 'SlaCalendarDeleted' });

/** Statuses that pause the clocks unless a policy says otherwise. */
export const defaultPauseStatuses = ['waiting_on_customer', 'on_hold'] as const;
/** A target: business minutes, at most a year of them. */
const minutes = z.int().min(1, 'Must be at least one minute').max(525_600);

export const slaTargetsInput = z
  .object({ firstResponse: minutes.optional(), nextResponse: minutes.optional(), resolution: minutes.optional() })
  .strict()
  .refine((t) => Object.values(t).some((v) => v !== undefined), { message: 'Set at least one target' });

export const escalationInput = z
  .object({
    raisePriority: z.boolean().default(false),
    moveToGroupId: id.nullish(),
    assignToLead: z.boolean().default(false),
    notifyManagers: z.boolean().default(false),
  })
  .strict();

const policyFields = {
  name: z.string().trim().min(1).max(120),
  priority: z.enum(ticketPriorities),
  categoryId: id.nullish(),
  customerGroupId: id.nullish(),
  customerId: id.nullish(),
  /** Absent: the default calendar (SLA settings). */
  calendarId: id.nullish(),
  targets: slaTargetsInput,
  pauseStatuses: z
    .array(z.enum(ticketStatusList))
    .max(ticketStatusList.length)
    .refine((s) => new Set(s).size === s.length, 'A status is listed twice')
    .default([...defaultPauseStatuses]),
  warningPercent: z.int().min(1).max(99).default(80),
  escalation: escalationInput.default({ raisePriority: false, assignToLead: false, notifyManagers: false }),
  active: z.boolean().default(true),
};

export const createSlaPolicy = z.object(policyFields).strict().meta({ id: 'CreateSlaPolicy' });
export const updateSlaPolicy = z.object({ ...policyFields, version }).strict().meta({ id: 'UpdateSlaPolicy' });

export const slaPolicyView = z
  .object({
    policyId: z.string(),
    name: z.string(),
    priority: z.enum(ticketPriorities),
    categoryId: z.string().nullable(),
    customerGroupId: z.string().nullable(),
    customerId: z.string().nullable(),
    calendarId: z.string().nullable(),
    targets: z.object({ firstResponse: z.int().optional(), nextResponse: z.int().optional(), resolution: z.int().optional() }),
    pauseStatuses: z.array(z.enum(ticketStatusList)),
    warningPercent: z.int(),
    escalation: z.object({ raisePriority: z.boolean(), moveToGroupId: z.string().nullable(), assignToLead: z.boolean(), notifyManagers: z.boolean() }),
    active: z.boolean(),
    version: z.int(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'SlaPolicy' });

/** In match order: the first policy that fits a ticket is the one applied. */
export const slaPolicyList = z.object({ items: z.array(slaPolicyView) }).meta({ id: 'SlaPolicyList' });
export const slaPolicyPath = z.object({ policyId: id });
export const slaPolicyDeleted = z.object({ policyId: z.string() }).meta({ id: 'SlaPolicyDeleted' });

const days = z.int().min(1).max(365);

export const autoCloseRule = z.object({ enabled: z.boolean(), afterDays: days, reopenDays: days }).strict();
export const waitingReminderRule = z.object({ enabled: z.boolean(), afterDays: days, resolveAfterDays: days }).strict();

export const slaSettingsView = z
  .object({
    defaultCalendarId: z.string().nullable(),
    autoClose: autoCloseRule,
    waitingReminder: waitingReminderRule,
    /** 0 until first saved. */
    version: z.int().min(0),
    updatedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'SlaSettings' });

export const updateSlaSettings = z
  .object({
    defaultCalendarId: id.nullable(),
    autoClose: autoCloseRule,
    waitingReminder: waitingReminderRule,
    /** The version read (0 when never saved). */
    version: z.int().min(0),
  })
  .strict()
  .meta({ id: 'UpdateSlaSettings' });

export type CreateSlaCalendar = z.infer<typeof createSlaCalendar>;
export type UpdateSlaCalendar = z.infer<typeof updateSlaCalendar>;
export type SlaCalendarView = z.infer<typeof slaCalendarView>;
export type CreateSlaPolicy = z.infer<typeof createSlaPolicy>;
export type UpdateSlaPolicy = z.infer<typeof updateSlaPolicy>;
export type SlaPolicyView = z.infer<typeof slaPolicyView>;
export type SlaSettingsView = z.infer<typeof slaSettingsView>;
export type UpdateSlaSettings = z.infer<typeof updateSlaSettings>;
