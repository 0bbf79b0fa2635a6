import { describe, expect, it } from 'vitest';
import type { AuditRecordItem } from '../db/entities/audit-record.js';
import { recordHash } from './canonical.js';
import { recordContent, sealRecord } from './chain.js';
import { verifyDay } from './verify.js';

const day = '2026-11-05';

/** A valid chain of `n` records, built exactly as the append builds them. */
function chain(n: number): AuditRecordItem[] {
  const records: AuditRecordItem[] = [];
  for (let i = 1; i <= n; i += 1) {
    const content = recordContent(
      { kind: 'request', action: `op${i}`, outcome: 'success', actor: { kind: 'user', userId: `u${i}`, role: 'admin' }, requestId: `r${i}`, ip: '203.0.113.1' },
      `${day}T10:00:0${i}.000Z`,
    );
    records.push(sealRecord(content, day, records.at(-1)));
  }
  return records;
}

const headOf = (records: AuditRecordItem[]) => ({ seq: records.at(-1)!.seq, hash: records.at(-1)!.hash });

describe('verifyDay', () => {
  it('accepts an intact chain and an empty day', () => {
    const records = chain(4);

    expect(records.map((r) => r.seq)).toEqual([1, 2, 3, 4]);
    expect(verifyDay(day, records, headOf(records))).toBeUndefined();
    expect(verifyDay(day, [], undefined)).toBeUndefined();
  });

  it('names an edited record', () => {
    const records = chain(4);
    records[2] = { ...records[2]!, actorId: 'someone-else' };

    expect(verifyDay(day, records, headOf(chain(4)))).toMatchObject({ day, seq: 3, reason: 'edited', message: `audit record ${day} #3 its content no longer matches its hash (edited)` });
  });

  it('names an edited record even when the editor recomputed its hash (the next link breaks)', () => {
    const records = chain(4);
    const forged = { ...records[1]!, action: 'nothing-to-see' };
    records[1] = { ...forged, hash: recordHash(forged) };

    expect(verifyDay(day, records, headOf(records))).toMatchObject({ seq: 3, reason: 'relinked' });
  });

  it('names a removed record, in the middle or at the end', () => {
    const records = chain(5);

    expect(verifyDay(day, [records[0]!, records[1]!, records[3]!, records[4]!], headOf(records))).toMatchObject({ seq: 3, reason: 'missing' });
    expect(verifyDay(day, records.slice(0, 3), headOf(records))).toMatchObject({ seq: 4, reason: 'missing' });
  });

  it('names reordered records', () => {
    const records = chain(4);

    expect(verifyDay(day, [records[0]!, records[2]!, records[1]!, records[3]!], headOf(records))).toMatchObject({ seq: 3, reason: 'out_of_order' });
    // Renumbered to hide the swap: the seq is hashed, so the record no longer matches.
    const swapped = [records[0]!, { ...records[2]!, seq: 2 }, { ...records[1]!, seq: 3 }, records[3]!];
    expect(verifyDay(day, swapped, headOf(records))).toMatchObject({ seq: 2, reason: 'edited' });
    expect(verifyDay(day, [records[0]!, records[1]!, records[1]!, records[2]!, records[3]!], headOf(records))).toMatchObject({ seq: 2, reason: 'out_of_order' });
  });

  it('names a record whose head is gone, or that the head does not seal', () => {
    const records = chain(3);

    expect(verifyDay(day, records, undefined)).toMatchObject({ seq: 1, reason: 'head_missing' });
    expect(verifyDay(day, records, { seq: 2, hash: records[1]!.hash })).toMatchObject({ seq: 3, reason: 'head_mismatch' });
    expect(verifyDay(day, records, { seq: 3, hash: 'f'.repeat(64) })).toMatchObject({ seq: 3, reason: 'head_mismatch' });
  });

  it('refuses a record moved from another day', () => {
    const other = chain(1).map((r) => ({ ...r, day: '2026-11-04' }));

    expect(verifyDay(day, other, headOf(other))).toMatchObject({ seq: 1, reason: 'edited' });
  });
});
