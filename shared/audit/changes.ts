import { tableShape } from '../db/table.js';
import type { Change } from '../streams/changes.js';
import { canonicalJson, sha256 } from './canonical.js';
import { isSecretField, type AuditActor, type AuditEntry, type FieldChange } from './entry.js';
import { stampAttribute, type WriteStamp } from './stamp.js';

/**
 * Entities whose changes are not audited from the stream, and why. Everything else is a business
 * record and every change to it becomes an audit record.
 */
export const unauditedEntities: Readonly<Record<string, string>> = {
  counter: 'bookkeeping: aggregates kept by the stream consumer',
  streamMark: 'bookkeeping: exactly-once marks',
  scheduleRun: 'bookkeeping: schedule claims',
  auditRecord: 'the audit trail itself',
  auditHead: 'the audit trail itself',
  session: 'sign-in and sign-out are audited as auth events',
  sessionToken: 'token registrations: secrets, audited as auth events',
  signInGuard: 'lockout bookkeeping: audited as auth events',
  loginEvent: 'itself an append-only log of sign-ins',
  verificationCode: 'secret codes: their use is audited as auth events',
  mfaSecret: 'TOTP secrets: MFA changes are audited as auth events',
  backupCodes: 'hashed backup codes: their use and renewal are audited as auth events',
  totpUse: 'TOTP replay bookkeeping',
  openAccessRequest: 'a uniqueness lock beside the access request',
  customerSearchKey: 'search index items derived from the customer (its own changes are audited)',
  registrationNumberLock: 'a uniqueness lock beside the customer (its registration numbers are audited)',
  roleMatrixVersion: 'itself the version history of the role matrix (changes to the matrix are audited)',
};

/** Fields never copied into the trail, per entity, on top of the secret-looking names (entry.ts). */
export const redactedFields: Readonly<Record<string, readonly string[]>> = {
  // Unaudited today; listed so that auditing them later cannot leak their secrets.
  session: ['refreshTokenSealed', 'refreshTokenHash', 'tokens'],
  mfaSecret: ['secretSealed'],
  backupCodes: ['codes'],
  verificationCode: ['codeHash'],
};

/** Attributes that are keys, ElectroDB markers, the stamp or timestamps: never "changed fields". */
const bookkeeping = new Set<string>([
  tableShape.partitionKey,
  tableShape.sortKey,
  ...tableShape.indexes.flatMap((i) => [i.partitionKey, i.sortKey]),
  '__edb_e__',
  '__edb_v__',
  stampAttribute,
  'createdAt',
  'updatedAt',
  'version',
]);

/** Values above this many bytes of JSON are replaced by their size and hash. */
const maxValueBytes = 8192;
/** Maps are compared member by member down to this depth (`matrix.agent`), so a big map shows only what moved. */
const maxDepth = 3;

/** A stream image value as JSON can carry it: sets as sorted arrays, binary as base64, big values summarised. */
export function auditValue(value: unknown): unknown {
  const plain = toPlain(value);
  const json = canonicalJson(plain);
  const bytes = Buffer.byteLength(json);
  return bytes > maxValueBytes ? { omitted: 'too_large', bytes, sha256: sha256(json) } : plain;
}

function toPlain(value: unknown): unknown {
  if (value instanceof Set) return [...value].map(toPlain).sort((a, b) => (canonicalJson(a) < canonicalJson(b) ? -1 : 1));
  if (value instanceof Uint8Array) return { base64: Buffer.from(value).toString('base64') };
  if (Array.isArray(value)) return value.map(toPlain);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toPlain(v)]));
  return value;
}

function isMap(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Set) && !(value instanceof Uint8Array);
}

function same(a: unknown, b: unknown): boolean {
  return canonicalJson(toPlain(a) ?? null) === canonicalJson(toPlain(b) ?? null);
}

function diff(path: string, old: unknown, now: unknown, redacted: ReadonlySet<string>, depth: number, out: FieldChange[]) {
  if (same(old, now)) return;
  const name = path.slice(path.lastIndexOf('.') + 1);
  if (redacted.has(path) || isSecretField(name)) {
    out.push({ field: path, redacted: true });
    return;
  }
  if (depth < maxDepth && isMap(old) && isMap(now)) {
    for (const key of [...new Set([...Object.keys(old), ...Object.keys(now)])].sort()) diff(`${path}.${key}`, old[key], now[key], redacted, depth + 1, out);
    return;
  }
  out.push({ field: path, ...(old !== undefined ? { before: auditValue(old) } : {}), ...(now !== undefined ? { after: auditValue(now) } : {}) });
}

/** Before/after of every business field that differs (maps member by member), secrets redacted, sorted by field. */
export function changedFields(entity: string, before: Record<string, unknown> | undefined, after: Record<string, unknown> | undefined): FieldChange[] {
  const redacted = new Set(redactedFields[entity] ?? []);
  const fields = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  const changes: FieldChange[] = [];
  for (const field of [...fields].sort()) {
    if (!bookkeeping.has(field)) diff(field, before?.[field], after?.[field], redacted, 1, changes);
  }
  return changes;
}

/**
 * The id of the changed object: its `<entity>Id` attribute when it has one (matching the path
 * parameter names of the routes), else the key composites ElectroDB encoded in pk and sk.
 */
export function targetIdOf(entity: string, image: Record<string, unknown>): string {
  const own = image[`${entity}Id`];
  if (typeof own === 'string' || typeof own === 'number') return String(own);
  const byLowerName = new Map(Object.keys(image).map((k) => [k.toLowerCase(), k]));
  const values: string[] = [];
  for (const key of [image[tableShape.partitionKey], image[tableShape.sortKey]]) {
    if (typeof key !== 'string') continue;
    for (const segment of key.split('#').slice(1)) {
      const name = byLowerName.get(segment.slice(0, segment.indexOf('_')).toLowerCase());
      if (name && image[name] !== undefined) values.push(String(image[name]));
    }
  }
  return values.join('/') || 'unknown';
}

/**
 * Entities filed under their customer in the trail (with the attribute naming the object itself):
 * their records target `customer#<customerId>`, so one A6 query finds everything about a customer;
 * the changed object is kept in the record's `details.object`.
 */
export const customerScopedEntities: Readonly<Record<string, string>> = {
  customerContact: 'userId',
  contactInvitation: 'invitationId',
  kycDocument: 'documentId',
  customerNote: 'noteId',
  customerDocument: 'documentId',
};

export interface ChangeTarget {
  target: { type: string; id: string };
  /** The changed object when the target is its customer. */
  object?: { type: string; id: string };
}

/** The target of a change record: the object itself, or its customer for customer-scoped entities. */
export function changeTarget(entity: string, image: Record<string, unknown>): ChangeTarget {
  const idField = customerScopedEntities[entity];
  const customerId = image.customerId;
  if (idField && typeof customerId === 'string' && customerId) {
    const own = image[idField];
    const id = typeof own === 'string' || typeof own === 'number' ? String(own) : targetIdOf(entity, image);
    return { target: { type: 'customer', id: customerId }, object: { type: entity, id } };
  }
  return { target: { type: entity, id: targetIdOf(entity, image) } };
}

function stampIn(image: Record<string, unknown> | undefined): WriteStamp | undefined {
  const stamp = image?.[stampAttribute] as Partial<WriteStamp> | undefined;
  return typeof stamp?.requestId === 'string' && typeof stamp.operationId === 'string' ? (stamp as WriteStamp) : undefined;
}

function actorOf(change: Change, stamp: WriteStamp | undefined): AuditActor {
  if (stamp) return stamp.userId ? { kind: 'user', userId: stamp.userId, role: stamp.role, email: stamp.email } : { kind: 'anonymous' };
  // A delete cannot carry a stamp and the old image's stamp is the previous writer's.
  return change.kind === 'remove' && !change.expired ? { kind: 'unknown' } : { kind: 'system' };
}

const verbs = { insert: 'created', modify: 'updated', remove: 'deleted' } as const;

/**
 * The audit entry for one table change, or undefined when it is not audited: bookkeeping entities,
 * items that are not ElectroDB entities, and writes that changed no business field. Inserts and
 * updates are attributed by the write's stamp; unstamped writes are the system's; deletions name
 * no actor (the deleting request's own record does).
 */
export function auditEntryFor(change: Change): AuditEntry | undefined {
  const entity = change.entity;
  if (!entity || entity in unauditedEntities) return undefined;
  const image = change.newImage ?? change.oldImage;
  if (!image) return undefined;
  const changes = changedFields(entity, change.oldImage, change.newImage);
  if (changes.length === 0) return undefined;
  const stamp = change.kind === 'remove' ? undefined : stampIn(change.newImage);
  const verb = change.expired ? 'expired' : verbs[change.kind];
  const { target, object } = changeTarget(entity, image);
  return {
    kind: 'change',
    action: stamp?.operationId ?? `${entity}.${verb}`,
    outcome: 'success',
    actor: actorOf(change, stamp),
    target,
    changes,
    details: { change: verb, ...(object ? { object } : {}), ...(change.expired ? { by: 'ttl' } : {}) },
    requestId: stamp?.requestId,
  };
}
