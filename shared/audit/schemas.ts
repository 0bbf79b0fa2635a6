import * as z from 'zod';

/** A time bound: any ISO-8601 date-time with offset, normalised to UTC milliseconds (as records store `at`). */
const instant = z.iso.datetime({ offset: true }).transform((s) => new Date(s).toISOString());

const page = {
  /** Inclusive bounds on the record time. */
  from: instant.optional(),
  to: instant.optional(),
  /** The `cursor` of the previous page. */
  cursor: z.string().min(1).max(4096).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
};

const ordered = (q: { from?: string; to?: string }) => !q.from || !q.to || q.from <= q.to;

export const auditQuery = z
  .object({
    /** The acting user's id, or `system`, `anonymous`, `unknown` for records without a user. */
    actor: z.string().min(1).max(128).optional(),
    targetType: z.string().min(1).max(64).optional(),
    targetId: z.string().min(1).max(256).optional(),
    /** A route's operationId, an auth event (`auth.sign_in`) or `<entity>.<verb>`. */
    action: z.string().min(1).max(128).optional(),
    ...page,
  })
  .strict()
  .refine((q) => (q.targetType === undefined) === (q.targetId === undefined), { message: 'targetType and targetId go together', path: ['targetId'] })
  .refine(ordered, { message: '`from` is after `to`', path: ['to'] });

export const activityQuery = z.object(page).strict().refine(ordered, { message: '`from` is after `to`', path: ['to'] });

export type AuditQuery = z.output<typeof auditQuery>;
export type ActivityQuery = z.output<typeof activityQuery>;

export const auditFieldChange = z
  .object({
    /** Top-level attribute, or `map.member` for a change inside a map. */
    field: z.string(),
    before: z.unknown().optional(),
    after: z.unknown().optional(),
    /** The field changed; its values are secret and never recorded. */
    redacted: z.literal(true).optional(),
  })
  .meta({ id: 'AuditFieldChange' });

const base = {
  id: z.string(),
  at: z.iso.datetime(),
  /** `request`: an API call; `change`: a data change seen in the table stream; `auth`: an auth event. */
  kind: z.enum(['request', 'change', 'auth']),
  action: z.string(),
  outcome: z.enum(['success', 'failure']).optional(),
  target: z.object({ type: z.string(), id: z.string() }).optional(),
  details: z.record(z.string(), z.unknown()).optional(),
  requestId: z.string().optional(),
  ip: z.string().optional(),
  userAgent: z.string().optional(),
};

export const auditEntry = z
  .object({
    ...base,
    actor: z.object({
      kind: z.enum(['user', 'anonymous', 'system', 'unknown']),
      userId: z.string().optional(),
      email: z.string().optional(),
      role: z.string().optional(),
    }),
    changes: z.array(auditFieldChange).optional(),
  })
  .meta({ id: 'AuditEntry' });

export const auditPage = z.object({ items: z.array(auditEntry), cursor: z.string().nullable() }).meta({ id: 'AuditPage' });

/** One's own activity: what and where, with the names of changed fields but not their values. */
export const activityEntry = z.object({ ...base, changedFields: z.array(z.string()).optional() }).meta({ id: 'ActivityEntry' });

export const activityPage = z.object({ items: z.array(activityEntry), cursor: z.string().nullable() }).meta({ id: 'ActivityPage' });

export type AuditEntryView = z.input<typeof auditEntry>;
export type ActivityEntryView = z.input<typeof activityEntry>;
