import { Counter } from '../db/entities/counter.js';
import { SlaCalendar, type SlaCalendarItem } from '../db/entities/sla-calendar.js';
import { SlaPolicy, type SlaPolicyItem } from '../db/entities/sla-policy.js';
import { TicketCategory } from '../db/entities/ticket-category.js';
import type { SlaSettingsView } from './schemas.js';
import { getSlaSettings } from './settings.js';
import type { CalendarShape, PolicyShape } from './types.js';

/** Category id → its parent's id (absent for a top-level category). */
export type CategoryParents = ReadonlyMap<string, string | undefined>;

/** What the SLA engine needs: active policies in match order, every calendar, the settings, the category tree. */
export interface SlaConfig {
  policies: PolicyShape[];
  calendars: ReadonlyMap<string, CalendarShape>;
  settings: SlaSettingsView;
  categories: CategoryParents;
}

export interface PolicyMatch {
  priority: string;
  /** The ticket's category, then its parent, then its grandparent (see `categoryPath`). */
  categoryPath?: readonly string[] | undefined;
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

/** Levels a category path may climb: the tree is at most 3 deep; more means a broken tree. */
const maxCategoryLevels = 3;

/** The category and its ancestors, nearest first (`[child, parent, grandparent]`); [] without a category. */
export function categoryPath(categories: CategoryParents, categoryId: string | null | undefined): string[] {
  const path: string[] = [];
  for (let id = categoryId ?? undefined; id && path.length < maxCategoryLevels && !path.includes(id); id = categories.get(id)) path.push(id);
  return path;
}

/**
 * The most specific active policy for a ticket: its priority must match, and every optional field
 * the policy sets must fit: customer and customer group equal the ticket's, category equal to the
 * ticket's or one of its ancestors. Precedence: customer > customer group > category > priority
 * alone; between policies alike in that, the nearer category wins (child over parent).
 */
export function matchPolicy<P extends MatchFields & { active: boolean }>(policies: readonly P[], ticket: PolicyMatch): P | undefined {
  const path = ticket.categoryPath ?? [];
  let best: { policy: P; specificity: number; distance: number } | undefined;
  for (const p of policies) {
    if (!p.active || p.priority !== ticket.priority) continue;
    const distance = p.categoryId ? path.indexOf(p.categoryId) : 0;
    if (distance < 0) continue;
    if (p.customerGroupId && p.customerGroupId !== ticket.customerGroupId) continue;
    if (p.customerId && p.customerId !== ticket.customerId) continue;
    const specificity = specificityOf(p);
    if (!best || specificity > best.specificity || (specificity === best.specificity && distance < best.distance)) best = { policy: p, specificity, distance };
  }
  return best?.policy;
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

export const readCategoryParents = async (): Promise<CategoryParents> => {
  const { data } = await TicketCategory.query.byTree({ directory: 'ticketCategories' }).go({ pages: 'all', attributes: ['categoryId', 'parentKey'] });
  const known = new Set(data.map((c) => c.categoryId));
  return new Map(data.map((c) => [c.categoryId, known.has(c.parentKey) ? c.parentKey : undefined]));
};

/**
 * The configuration's version stamp: a counter item that every calendar, policy and settings write
 * bumps (`counter.upsert(slaConfigStamp).add({ value: 1 })`) in its own transaction. Caches compare
 * it to know they are stale.
 */
export const slaConfigStamp = { scope: 'slaConfig', name: 'version' } as const;

export async function readSlaConfigStamp(): Promise<number> {
  const { data } = await Counter.get(slaConfigStamp).go({ attributes: ['value'] });
  return data?.value ?? 0;
}

/** Reload at least this often (writes that bypass the stamp, e.g. a seed). */
const maxAgeMs = 60_000;
/** Compare the stamp at most this often: another process's admin write shows within seconds. */
export const stampCheckMs = 3_000;

interface Loaded {
  stamp: number;
  config: SlaConfig;
}
let cached: { at: number; checkedAt: number; loaded: Promise<Loaded> } | undefined;

async function readConfig(): Promise<SlaConfig> {
  const [policies, calendars, settings, categories] = await Promise.all([readAllPolicies(), readAllCalendars(), getSlaSettings(), readCategoryParents()]);
  return {
    policies: inMatchOrder(policies.filter((p) => p.active).map((p) => toPolicyShape(p, settings.defaultCalendarId))),
    calendars: new Map(calendars.map((c) => [c.calendarId, toCalendarShape(c)])),
    settings,
    categories,
  };
}

/** Stamp first: a write landing between the two reads leaves a newer stamp, so the next check reloads. */
async function readStamped(stamp?: number): Promise<Loaded> {
  const current = stamp ?? (await readSlaConfigStamp());
  return { stamp: current, config: await readConfig() };
}

function keep(entry: NonNullable<typeof cached>): Promise<Loaded> {
  entry.loaded.catch(() => {
    if (cached === entry) cached = undefined;
  });
  cached = entry;
  return entry.loaded;
}

/**
 * The SLA configuration, per process: read whole at most once a minute, and its stamp (one
 * GetItem) compared at most every `stampCheckMs`; a changed stamp reloads it. A failed read is
 * not kept; a failed stamp check keeps the configuration until the next check.
 */
export async function loadSlaConfig(now: number = Date.now()): Promise<SlaConfig> {
  let loaded = cached?.loaded;
  if (!cached || now - cached.at >= maxAgeMs || now < cached.at) {
    loaded = keep({ at: now, checkedAt: now, loaded: readStamped() });
  } else if (now - cached.checkedAt >= stampCheckMs) {
    const previous = cached.loaded;
    loaded = keep({
      at: cached.at,
      checkedAt: now,
      loaded: (async () => {
        const [was, stamp] = await Promise.all([previous, readSlaConfigStamp().catch(() => undefined)]);
        return stamp === undefined || stamp === was.stamp ? was : readStamped(stamp);
      })(),
    });
  }
  return (await loaded!).config;
}

/** Forgets the cached configuration (tests; after a write in this process). */
export function resetSlaConfigCache(): void {
  cached = undefined;
}
