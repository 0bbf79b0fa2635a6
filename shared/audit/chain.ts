import { setTimeout as sleep } from 'node:timers/promises';
import { Service } from 'electrodb';
import { documentClient, tableName } from '../db/client.js';
import { AuditHead } from '../db/entities/audit-head.js';
import { AuditRecord, type AuditRecordItem } from '../db/entities/audit-record.js';
import { StreamMark } from '../db/entities/stream-mark.js';
import { logger } from '../observability.js';
import { canonicalJson, genesisHash, recordHash } from './canonical.js';
import { clipUserAgent, safeDetails, targetKey, type AuditEntry } from './entry.js';

/** Only the entities an append writes (each Lambda builds only what it uses). */
const makeStore = () =>
  new Service({ auditRecord: AuditRecord, auditHead: AuditHead, streamMark: StreamMark }, { client: documentClient, table: tableName });
/** Built on first use: constructing a Service at import time costs cold-start time on every Lambda that imports this module. */
let store: ReturnType<typeof makeStore> | undefined;
const getStore = () => (store ??= makeStore());

const markConsumer = 'audit';
const markDays = 2;

export interface AppendOptions {
  /** Stream-derived records: the stream record id, written as a mark in the same transaction so a redelivery appends nothing. */
  streamEventId?: string;
  /** Attempts when another writer moved the head first (default 10). */
  maxAttempts?: number;
  clock?: () => Date;
}

export type AppendResult = { status: 'appended'; day: string; seq: number; hash: string } | { status: 'duplicate' };

export class AuditChainBusyError extends Error {
  constructor(attempts: number) {
    super(`Audit chain head kept moving; gave up after ${attempts} attempts`);
    this.name = 'AuditChainBusyError';
  }
}

export { targetKey };
const noTarget = '-';

/** The stored attributes of an entry, before the chain fields are added. */
export function recordContent(entry: AuditEntry, at: string) {
  const details = safeDetails(entry.details);
  return {
    at,
    kind: entry.kind,
    action: entry.action,
    outcome: entry.outcome,
    actorKind: entry.actor.kind,
    actorId: entry.actor.userId,
    actorEmail: entry.actor.email,
    actorRole: entry.actor.role,
    targetType: entry.target?.type,
    targetId: entry.target?.id,
    actorKey: entry.actor.userId ?? entry.actor.kind,
    targetKey: entry.target ? targetKey(entry.target.type, entry.target.id) : noTarget,
    changes: entry.changes?.length ? canonicalJson(entry.changes) : undefined,
    details: details && Object.keys(details).length ? canonicalJson(details) : undefined,
    requestId: entry.requestId,
    ip: entry.ip,
    userAgent: clipUserAgent(entry.userAgent),
  };
}

/** A complete record: the content placed after `prev` in `day`'s chain, and sealed. */
export function sealRecord(
  content: ReturnType<typeof recordContent>,
  day: string,
  prev: { seq: number; hash: string } | undefined,
): AuditRecordItem {
  const unsealed = { day, seq: (prev?.seq ?? 0) + 1, ...content, prevHash: prev?.hash ?? genesisHash(day) };
  const defined = Object.fromEntries(Object.entries(unsealed).filter(([, v]) => v !== undefined)) as typeof unsealed;
  return { ...defined, hash: recordHash(defined) } as AuditRecordItem;
}

/**
 * Appends one record to today's chain: reads the head, writes the record and moves the head in
 * one transaction conditioned on the head being unchanged, and retries from a fresh read when
 * another writer got there first.
 */
export async function appendAuditRecord(entry: AuditEntry, options: AppendOptions = {}): Promise<AppendResult> {
  const maxAttempts = options.maxAttempts ?? 10;
  const clock = options.clock ?? (() => new Date());
  for (let attempt = 1; attempt <= maxAttempts; attempt += 1) {
    const now = clock();
    const at = now.toISOString();
    const day = at.slice(0, 10);
    const { data: head } = await AuditHead.get({ day }).go({ consistent: true });
    const record = sealRecord(recordContent(entry, at), day, head ?? undefined);
    const expiresAt = Math.floor(now.getTime() / 1000) + markDays * 86_400;
    const result = await getStore().transaction
      .write(({ auditRecord, auditHead, streamMark }) => [
        auditRecord.create(record).commit(),
        head
          ? auditHead.patch({ day }).set({ seq: record.seq, hash: record.hash }).where(({ seq }, { eq }) => eq(seq, head.seq)).commit()
          : auditHead.create({ day, seq: record.seq, hash: record.hash }).commit(),
        ...(options.streamEventId ? [streamMark.create({ consumer: markConsumer, eventId: options.streamEventId, expiresAt }).commit()] : []),
      ])
      .go();
    if (!result.canceled) {
      // A copy of each head outside the table: a witness for anyone checking the chain later.
      logger.info('audit record appended', { day, seq: record.seq, hash: record.hash, action: entry.action });
      return { status: 'appended', day, seq: record.seq, hash: record.hash };
    }
    const codes = result.data.map((d) => d.code);
    if (options.streamEventId && codes[2] === 'ConditionalCheckFailed') return { status: 'duplicate' };
    if (codes[0] !== 'ConditionalCheckFailed' && codes[1] !== 'ConditionalCheckFailed') {
      throw new Error(`Audit append cancelled: ${codes.join(', ')}`);
    }
    await sleep(Math.floor(Math.random() * 10 * attempt));
  }
  throw new AuditChainBusyError(maxAttempts);
}
