import { AuditHead, type AuditHeadItem } from '../db/entities/audit-head.js';
import { AuditRecord, type AuditRecordItem } from '../db/entities/audit-record.js';
import { genesisHash, recordHash } from './canonical.js';

export type ChainProblemReason = 'edited' | 'missing' | 'out_of_order' | 'relinked' | 'head_mismatch' | 'head_missing';

/** The first thing wrong with one day's chain, naming the record (day + seq). */
export interface ChainProblem {
  day: string;
  seq: number;
  reason: ChainProblemReason;
  message: string;
}

const explain: Record<ChainProblemReason, string> = {
  edited: 'its content no longer matches its hash (edited)',
  missing: 'is missing (removed)',
  out_of_order: 'is out of sequence (reordered or duplicated)',
  relinked: 'does not follow the record before it (reordered, or the one before was replaced)',
  head_mismatch: 'does not match the day\'s chain head (replaced, added after the head, or the head was changed)',
  head_missing: 'exists but the day has no chain head (head removed)',
};

function problem(day: string, seq: number, reason: ChainProblemReason): ChainProblem {
  return { day, seq, reason, message: `audit record ${day} #${seq} ${explain[reason]}` };
}

/**
 * Checks one day's records, in stored (seq key) order, against its head: seq runs 1, 2, 3, ...;
 * each record's hash matches its content; each links to the hash before it (the day's genesis
 * hash first); the head names the last record. Returns the first problem, or undefined.
 */
export function verifyDay(
  day: string,
  records: readonly AuditRecordItem[],
  head: Pick<AuditHeadItem, 'seq' | 'hash'> | undefined,
): ChainProblem | undefined {
  let previous = genesisHash(day);
  let expected = 1;
  for (const record of records) {
    if (record.seq !== expected) {
      const later = records.some((r) => r.seq === expected);
      return record.seq > expected && !later ? problem(day, expected, 'missing') : problem(day, record.seq, 'out_of_order');
    }
    if (record.day !== day || recordHash(record) !== record.hash) return problem(day, record.seq, 'edited');
    if (record.prevHash !== previous) return problem(day, record.seq, 'relinked');
    previous = record.hash;
    expected += 1;
  }
  const last = expected - 1;
  if (!head) return last > 0 ? problem(day, 1, 'head_missing') : undefined;
  if (head.seq > last) return problem(day, last + 1, 'missing');
  if (head.seq < last) return problem(day, head.seq + 1, 'head_mismatch');
  if (head.hash !== previous) return problem(day, last, 'head_mismatch');
  return undefined;
}

export interface VerifyOptions {
  /** First and last day (YYYY-MM-DD, UTC), inclusive. Default: the first day with records, and today. */
  from?: string;
  to?: string;
  clock?: () => Date;
}

export interface VerifyReport {
  ok: boolean;
  from: string | undefined;
  to: string;
  days: number;
  records: number;
  /** The first problem of each broken day, oldest day first. */
  problems: ChainProblem[];
}

function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

/** A day's records in chain (key) order. */
export async function readDay(day: string): Promise<AuditRecordItem[]> {
  const { data } = await AuditRecord.query.byDay({ day }).go({ pages: 'all', order: 'asc', consistent: true });
  return data;
}

/**
 * Walks every calendar day of the range (not only days with a head, so a day whose head was
 * removed is still checked): reads its head and records and checks the chain.
 */
export async function verifyChain(options: VerifyOptions = {}): Promise<VerifyReport> {
  const to = options.to ?? (options.clock ?? (() => new Date()))().toISOString().slice(0, 10);
  const first = options.from ?? (await AuditHead.query.byFeed({ feed: 'auditDays' }).go({ order: 'asc', limit: 1 })).data[0]?.day;
  const report: VerifyReport = { ok: true, from: first, to, days: 0, records: 0, problems: [] };
  if (!first) return report;
  for (let day = first; day <= to; day = nextDay(day)) {
    const [{ data: head }, records] = await Promise.all([AuditHead.get({ day }).go({ consistent: true }), readDay(day)]);
    if (!head && records.length === 0) continue;
    report.days += 1;
    report.records += records.length;
    const found = verifyDay(day, records, head ?? undefined);
    if (found) report.problems.push(found);
  }
  report.ok = report.problems.length === 0;
  return report;
}
