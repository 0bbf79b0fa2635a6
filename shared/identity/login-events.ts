import { checkCursor, InvalidCursorError, withCursor } from '../db/cursor.js';
import { LoginEvent, type LoginEventItem, type LoginOutcome } from '../db/entities/login-event.js';
import { ValidationError } from '../errors.js';
import { randomId } from './crypto.js';

const keepDays = 400;
const dayMs = 24 * 60 * 60 * 1000;
/** Longest range of GET /auth/login-events (one query per day). */
export const maxRangeDays = 31;
const defaultRangeDays = 7;

export interface RequestMeta {
  ip?: string;
  userAgent?: string;
}

/** Where an API request came from (API Gateway's view of the caller). */
export function requestMeta(event: { requestContext: { http: { sourceIp?: string; userAgent?: string } } }): RequestMeta {
  const { sourceIp, userAgent } = event.requestContext.http;
  return { ...(sourceIp ? { ip: sourceIp } : {}), ...(userAgent ? { userAgent } : {}) };
}

export interface LoginAttempt extends RequestMeta {
  email: string;
  userId?: string;
  outcome: LoginOutcome;
  sessionId?: string;
}

/** Appends one sign-in attempt to the user's history (or the address's, when no user has it). */
export async function recordLoginEvent(attempt: LoginAttempt, at = new Date()): Promise<void> {
  const iso = at.toISOString();
  await LoginEvent.create({
    eventId: randomId(12),
    subject: attempt.userId ?? `email#${attempt.email.toLowerCase()}`,
    ...(attempt.userId ? { userId: attempt.userId } : {}),
    email: attempt.email.toLowerCase(),
    at: iso,
    day: iso.slice(0, 10),
    outcome: attempt.outcome,
    ...(attempt.ip ? { ip: attempt.ip } : {}),
    ...(attempt.userAgent ? { userAgent: attempt.userAgent.slice(0, 512) } : {}),
    ...(attempt.sessionId ? { sessionId: attempt.sessionId } : {}),
    expiresAt: Math.floor(at.getTime() / 1000) + keepDays * 24 * 60 * 60,
  }).go();
}

export interface LoginEventView {
  at: string;
  outcome: LoginOutcome;
  ip?: string;
  userAgent?: string;
  email: string;
  userId?: string;
}

function view(item: LoginEventItem): LoginEventView {
  return {
    at: item.at,
    outcome: item.outcome,
    ...(item.ip ? { ip: item.ip } : {}),
    ...(item.userAgent ? { userAgent: item.userAgent } : {}),
    email: item.email,
    ...(item.userId ? { userId: item.userId } : {}),
  };
}

export interface Page<T> {
  items: T[];
  nextCursor?: string;
}

/** The caller's own sign-in history, newest first. */
export async function loginHistory(userId: string, query: { cursor?: string; limit: number }): Promise<Page<LoginEventView>> {
  const cursor = checkCursor(query.cursor);
  const page = await withCursor(() => LoginEvent.query.byUser({ subject: userId }).go({ order: 'desc', limit: query.limit, cursor }));
  return { items: page.data.map(view), ...(page.cursor ? { nextCursor: page.cursor } : {}) };
}

interface FailuresCursor {
  day: string;
  cursor: string | null;
}

function encodeFailuresCursor(c: FailuresCursor): string {
  return Buffer.from(JSON.stringify(c)).toString('base64url');
}

function decodeFailuresCursor(value: string | undefined): FailuresCursor | null {
  if (!value) return null;
  try {
    const parsed = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as Partial<FailuresCursor>;
    if (typeof parsed.day === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(parsed.day) && (parsed.cursor === null || typeof parsed.cursor === 'string')) {
      return { day: parsed.day, cursor: parsed.cursor === null ? null : checkCursor(parsed.cursor) };
    }
  } catch (err) {
    if (err instanceof InvalidCursorError) throw err;
  }
  throw new InvalidCursorError();
}

/**
 * Failed sign-ins and lockouts across all users (admins), newest first: one query per UTC day of
 * the sparse `failures` index, from `to` back to `from` (default the last 7 days, at most 31).
 */
export async function loginFailures(query: { outcome?: LoginOutcome; from?: string; to?: string; cursor?: string; limit: number }): Promise<Page<LoginEventView>> {
  const to = query.to ? new Date(query.to) : new Date();
  const from = query.from ? new Date(query.from) : new Date(to.getTime() - defaultRangeDays * dayMs);
  if (to.getTime() - from.getTime() > maxRangeDays * dayMs) {
    throw new ValidationError([{ path: 'query.from', message: `from and to may be at most ${maxRangeDays} days apart` }]);
  }
  if (query.outcome === 'success' || query.outcome === 'backup_code') return { items: [] };
  const fromIso = from.toISOString();
  const toIso = to.toISOString();
  const firstDay = fromIso.slice(0, 10);
  const resume = decodeFailuresCursor(query.cursor);
  let day = resume?.day ?? toIso.slice(0, 10);
  let cursor: string | null = resume?.cursor ?? null;
  const items: LoginEventView[] = [];
  while (day >= firstDay && items.length < query.limit) {
    const base = LoginEvent.query.failures({ day }).between({ at: fromIso }, { at: toIso });
    const filtered = query.outcome ? base.where(({ outcome }, { eq }) => eq(outcome, query.outcome!)) : base;
    const page = await withCursor(() => filtered.go({ order: 'desc', count: query.limit - items.length, cursor }));
    items.push(...page.data.map(view));
    if (page.cursor) {
      cursor = page.cursor;
      if (items.length >= query.limit) return { items, nextCursor: encodeFailuresCursor({ day, cursor }) };
      continue;
    }
    cursor = null;
    day = new Date(Date.parse(`${day}T00:00:00Z`) - dayMs).toISOString().slice(0, 10);
  }
  return { items, ...(day >= firstDay ? { nextCursor: encodeFailuresCursor({ day, cursor: null }) } : {}) };
}
