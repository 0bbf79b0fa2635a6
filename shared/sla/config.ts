import { SlaCalendar, type SlaCalendarItem } from '../db/entities/sla-calendar.js';
import { SlaPolicy, type SlaPolicyItem } from '../db/entities/sla-policy.js';
import type { SlaSettingsView } from './schemas.js';
import { getSlaSettings } from './settings.js';
import type { CalendarShape, PolicyShape } from './types.js';

/** What the SLA engine needs: active policies in match order, every calendar, the settings. */
export interface SlaConfig {
  policies: PolicyShape[];
  calendars: ReadonlyMap<string, CalendarShape>;
  settings: SlaSettingsView;
}

export interface PolicyMatch {
  priority: string;
  categoryId?: string | null | undefined;
  customerId?: string | null | undefined;
  customerGroupId?: string | null | undefined;
}

type MatchFields = { priority: string; categoryId?: string | null | undefined; customerGroupId?: string | null | undefined; customerId?: string | null | undefined };

/** The lock key of a match: two policies may not share it. */
export const matchKeyOf = (p: MatchFields): string => [p.priority, p.categoryId ?? '*', p.customerGroupId ?? '*', p.customerId ?? '*'].join('#');

/** Customer beats customer group beats category beats priority alone. */
export const specificityOf = (p: MatchFields): number => (p.customerId ? 4 : 0) + (p.customerGroupId ? 2 : 0) + (p.categoryId ? 1 : 0);

const priorityRank: Record<string, number> = { urgent: 0, high: 1, medium: 2, low: 3 };

/** Match order: most specific first, then by priority (urgent first), then by name. */
export function inMatchOrder<T extends MatchFields & { name: string }>(policies: readonly T[]): T[] {
  return [...policies].sort(
    (a, b) => specificityOf(b) - specificityOf(a) || (priorityRank[a.priority] ?? 9) - (priorityRank[b.priority] ?? 9) || a.name.localeCompare(b.name),
  );
}

/**
 * The most specific active policy for a ticket: its priority must match, and every optional
 * field the policy sets (category, customer group, customer) must equal the ticket's.
 */
export function matchPolicy<P extends MatchFields & { active: boolean }>(policies: readonly P[], ticket: PolicyMatch): P | undefined {
  let best: P | undefined;
  for (const p of policies) {
    if (!p.active || p.priority !== ticket.priority) continue;
    if (p.categoryId && p.categoryId !== ticket.categoryId) continue;
    if (p.customerGroupId && p.customerGroupId !== ticket.customerGroupId) continue;
    if (p.customerId && p.customerId !== ticket.customerId) continue;
    if (!best || specificityOf(p) > specificityOf(best)) best = p;
  }
  return best;
}

/** The policy's calendar, else the default calendar; undefined when neither exists. */
export function calendarFor(policy: Pick<PolicyShape, 'calendarId'>, config: Pick<SlaConfig, 'calendars' | 'settings'>): CalendarShape | undefined {
  const own = policy.calendarId ? config.calendars.get(policy.calendarId) : undefined;
  return own ?? (config.settings.defaultCalendarId ? config.calendars.get(config.settings.defaultCalendarId) : undefined);
}

export function toCalendarShape(item: SlaCalendarItem): CalendarShape {
  return { calendarId: item.calendarId, name: item.name, timezone: item.timezone, mode: item.mode, week: item.week, holidays: item.holidays };
}

/** A stored policy as the engine sees it; without a calendar of its own it names the default one ('' if none). */
export function toPolicyShape(item: SlaPolicyItem, defaultCalendarId: string | null): PolicyShape {
  return {
    policyId: item.policyId,
    name: item.name,
    priority: item.priority,
    ...(item.categoryId ? { categoryId: item.categoryId } : {}),
    ...(item.customerGroupId ? { customerGroupId: item.customerGroupId } : {}),
    ...(item.customerId ? { customerId: item.customerId } : {}),
    calendarId: item.calendarId ?? defaultCalendarId ?? '',
    targets: item.targets,
    pauseStatuses: item.pauseStatuses,
    warningPercent: item.warningPercent,
    escalation: item.escalation,
    active: item.active,
  };
}

export const readAllPolicies = async (): Promise<SlaPolicyItem[]> =>
  (await SlaPolicy.query.byDirectory({ directory: 'slaPolicies' }).go({ pages: 'all' })).data;

export const readAllCalendars = async (): Promise<SlaCalendarItem[]> =>
  (await SlaCalendar.query.byDirectory({ directory: 'slaCalendars' }).go({ pages: 'all' })).data;

const maxAgeMs = 60_000;
let cached: { at: number; config: Promise<SlaConfig> } | undefined;

async function readConfig(): Promise<SlaConfig> {
  const [policies, calendars, settings] = await Promise.all([readAllPolicies(), readAllCalendars(), getSlaSettings()]);
  return {
    policies: inMatchOrder(policies.filter((p) => p.active).map((p) => toPolicyShape(p, settings.defaultCalendarId))),
    calendars: new Map(calendars.map((c) => [c.calendarId, toCalendarShape(c)])),
    settings,
  };
}

/** The SLA configuration, read at most once a minute per process (a failed read is not kept). */
export function loadSlaConfig(now: number = Date.now()): Promise<SlaConfig> {
  if (!cached || now - cached.at >= maxAgeMs || now < cached.at) {
    const entry = { at: now, config: readConfig() };
    entry.config.catch(() => {
      if (cached === entry) cached = undefined;
    });
    cached = entry;
  }
  return cached.config;
}

/** Forgets the cached configuration (tests; after a change in this process). */
export function resetSlaConfigCache(): void {
  cached = undefined;
}
