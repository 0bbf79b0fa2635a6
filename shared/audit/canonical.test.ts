import { describe, expect, it } from 'vitest';
import { canonicalJson, genesisHash, recordHash, sha256 } from './canonical.js';

describe('canonical JSON', () => {
  it('sorts keys at every level, drops undefined members and keeps array order', () => {
    const a = { b: 1, a: { d: [3, 1, { z: true, y: null }], c: 'x' }, u: undefined };
    const b = { a: { c: 'x', d: [3, 1, { y: null, z: true }] }, b: 1 };

    expect(canonicalJson(a)).toBe('{"a":{"c":"x","d":[3,1,{"y":null,"z":true}]},"b":1}');
    expect(canonicalJson(a)).toBe(canonicalJson(b));
  });

  it('escapes strings as JSON does and refuses what JSON cannot carry', () => {
    expect(canonicalJson({ 'k"ey': 'line\nbreak é' })).toBe('{"k\\"ey":"line\\nbreak é"}');
    expect(() => canonicalJson({ n: Number.NaN })).toThrow(/non-finite/);
    expect(() => canonicalJson({ n: 1n })).toThrow(/bigint/);
  });
});

describe('record hash', () => {
  const record = { day: '2026-11-05', seq: 1, at: '2026-11-05T10:00:00.000Z', action: 'x', prevHash: genesisHash('2026-11-05') };

  it('is the sha256 of the canonical JSON without the hash itself', () => {
    const hash = recordHash(record);

    expect(hash).toBe(sha256(canonicalJson(record)));
    expect(recordHash({ ...record, hash })).toBe(hash);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('changes with any attribute, including the link to the previous record', () => {
    const hash = recordHash(record);

    expect(recordHash({ ...record, action: 'y' })).not.toBe(hash);
    expect(recordHash({ ...record, prevHash: '0'.repeat(64) })).not.toBe(hash);
    expect(recordHash({ ...record, extra: 'z' })).not.toBe(hash);
  });

  it('starts each day from its own genesis hash', () => {
    expect(genesisHash('2026-11-05')).not.toBe(genesisHash('2026-11-06'));
  });
});
