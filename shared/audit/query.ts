import * as z from 'zod';
import { InvalidCursorError, withCursor } from '../db/cursor.js';
import { AuditHead } from '../db/entities/audit-head.js';
import { AuditRecord, type AuditRecordItem } from '../db/entities/audit-record.js';
import { targetKey } from './entry.js';
import type { ActivityEntryView, AuditEntryView } from './schemas.js';

export interface AuditFilter {
  /** A user id, or `system`, `anonymous`, `unknown` for records without a user. */
  actor?: string;
  targetType?: string;
  targetId?: string;
  action?: string;
  /** Inclusive ISO-8601 UTC bounds on `at`. */
  from?: string;
  to?: string;
}

export interface PageRequest {
  cursor?: string;
  limit: number;
}

export interface RecordPage {
  items: AuditRecordItem[];
  cursor: string | null;
}

/** Which index answers a filter combination (docs/access-patterns.md A3–A7). */
export type AuditPlan = 'target' | 'actor' | 'action' | 'day';

export function planFor(filter: AuditFilter): AuditPlan {
  if (filter.targetType && filter.targetId) return 'target';
  if (filter.actor) return 'actor';
  if (filter.action) return 'action';
  return 'day';
}

/** Our cursor: the plan it belongs to, the day being walked (day plan) and ElectroDB's cursor. */
const cursorShape = z.object({
  p: z.enum(['target', 'actor', 'action', 'day']),
  d: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
  c: z.string().min(1).optional(),
});
type Cursor = z.infer<typeof cursorShape>;

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor), 'utf8').toString('base64url');
}

export function decodeCursor(text: string | undefined, plan: AuditPlan): Cursor | undefined {
  if (!text) return undefined;
  try {
    const parsed = cursorShape.safeParse(JSON.parse(Buffer.from(text, 'base64url').toString('utf8')));
    if (parsed.success && parsed.data.p === plan) return parsed.data;
  } catch {
    // not base64url JSON
  }
  throw new InvalidCursorError();
}

type Where = Parameters<ReturnType<typeof AuditRecord.query.byDay>['where']>[0];

/** Filter expression for the filters the chosen index does not cover. */
function residual(filter: AuditFilter, plan: AuditPlan): Where {
  return (a, { eq, between, gte, lte }) => {
    const parts: string[] = [];
    if (filter.actor && plan !== 'actor') parts.push(eq(a.actorKey, filter.actor));
    if (filter.action && plan !== 'action') parts.push(eq(a.action, filter.action));
    if (plan === 'day') {
      if (filter.from && filter.to) parts.push(between(a.at, filter.from, filter.to));
      else if (filter.from) parts.push(gte(a.at, filter.from));
      else if (filter.to) parts.push(lte(a.at, filter.to));
    }
    return parts.join(' AND ');
  };
}

type Options = { order: 'desc'; count: number; cursor: string | null };
type Result = Promise<{ data: AuditRecordItem[]; cursor: string | null }>;

/** Runs an index query with `at` as a key range (the sort key of A5–A7) and the residual filter. */
function queryIndex(plan: Exclude<AuditPlan, 'day'>, f: AuditFilter, where: Where, options: Options): Result {
  const { from, to } = f;
  if (plan === 'target') {
    const q = AuditRecord.query.byTarget({ targetKey: targetKey(f.targetType!, f.targetId!) });
    if (from && to) return q.between({ at: from }, { at: to }).where(where).go(options);
    if (from) return q.gte({ at: from }).where(where).go(options);
    if (to) return q.lte({ at: to }).where(where).go(options);
    return q.where(where).go(options);
  }
  if (plan === 'actor') {
    const q = AuditRecord.query.byActor({ actorKey: f.actor! });
    if (from && to) return q.between({ at: from }, { at: to }).where(where).go(options);
    if (from) return q.gte({ at: from }).where(where).go(options);
    if (to) return q.lte({ at: to }).where(where).go(options);
    return q.where(where).go(options);
  }
  const q = AuditRecord.query.byAction({ action: f.action! });
  if (from && to) return q.between({ at: from }, { at: to }).where(where).go(options);
  if (from) return q.gte({ at: from }).where(where).go(options);
  if (to) return q.lte({ at: to }).where(where).go(options);
  return q.where(where).go(options);
}

async function indexPage(filter: AuditFilter, plan: Exclude<AuditPlan, 'day'>, page: PageRequest): Promise<RecordPage> {
  const start = decodeCursor(page.cursor, plan)?.c ?? null;
  const options: Options = { order: 'desc', count: page.limit, cursor: start };
  const { data, cursor } = await withCursor(() => queryIndex(plan, filter, residual(filter, plan), options));
  return { items: data, cursor: cursor ? encodeCursor({ p: plan, c: cursor }) : null };
}

/** Days that have records within the range, newest first (A3). */
async function daysWithRecords(from: string | undefined, to: string | undefined): Promise<string[]> {
  const heads = AuditHead.query.byFeed({ feed: 'auditDays' });
  const fromDay = from?.slice(0, 10);
  const toDay = to?.slice(0, 10);
  const ranged =
    fromDay && toDay ? heads.between({ day: fromDay }, { day: toDay }) : fromDay ? heads.gte({ day: fromDay }) : toDay ? heads.lte({ day: toDay }) : heads;
  const { data } = await ranged.go({ order: 'desc', pages: 'all', attributes: ['day'] });
  return data.map((h) => h.day);
}

/** No index filter: walk the days newest first, each day's records newest first (A3 + A4). */
async function dayWalkPage(filter: AuditFilter, page: PageRequest): Promise<RecordPage> {
  const cursor = decodeCursor(page.cursor, 'day');
  const days = await daysWithRecords(filter.from, filter.to);
  let index = cursor?.d ? days.indexOf(cursor.d) : 0;
  if (index < 0) throw new InvalidCursorError();
  let start = cursor?.c ?? null;
  const items: AuditRecordItem[] = [];
  const where = residual(filter, 'day');
  for (; index < days.length && items.length < page.limit; index += 1) {
    const day = days[index]!;
    const options: Options = { order: 'desc', count: page.limit - items.length, cursor: start };
    const result = await withCursor(() => AuditRecord.query.byDay({ day }).where(where).go(options));
    items.push(...result.data);
    start = null;
    if (result.cursor) return { items, cursor: encodeCursor({ p: 'day', d: day, c: result.cursor }) };
  }
  return { items, cursor: index < days.length ? encodeCursor({ p: 'day', d: days[index] }) : null };
}

/** One page of audit records, newest first, through the best index for the filters. */
export async function findAuditRecords(filter: AuditFilter, page: PageRequest): Promise<RecordPage> {
  const plan = planFor(filter);
  return plan === 'day' ? dayWalkPage(filter, page) : indexPage(filter, plan, page);
}

function parseJson<T>(text: string | undefined): T | undefined {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as T;
  } catch {
    return undefined;
  }
}

/** A record as the API shows it: no chain bookkeeping (seq, hashes). */
export function toAuditEntry(record: AuditRecordItem): AuditEntryView {
  return {
    ...common(record),
    actor: { kind: record.actorKind, userId: record.actorId, email: record.actorEmail, role: record.actorRole },
    changes: parseJson(record.changes),
  };
}

/** A record as its own actor sees it: changed field names, not values. */
export function toActivityEntry(record: AuditRecordItem): ActivityEntryView {
  const changes = parseJson<{ field: string }[]>(record.changes);
  return { ...common(record), changedFields: changes?.map((c) => c.field) };
}

function common(record: AuditRecordItem) {
  return {
    id: `${record.day}.${record.seq}`,
    at: record.at,
    kind: record.kind,
    action: record.action,
    outcome: record.outcome,
    target: record.targetType && record.targetId ? { type: record.targetType, id: record.targetId } : undefined,
    details: parseJson<Record<string, unknown>>(record.details),
    requestId: record.requestId,
    ip: record.ip,
    userAgent: record.userAgent,
  };
}
