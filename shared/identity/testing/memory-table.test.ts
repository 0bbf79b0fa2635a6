import { describe, expect, it } from 'vitest';
import { applyUpdate, evaluate } from './memory-table.js';

/** The test table must judge ElectroDB's expressions the way DynamoDB does, or the service tests prove nothing. */
describe('memory table expressions', () => {
  const names = { '#a': 'a', '#b': 'b', '#pk': 'pk', '#sk1': 'sk' };

  it('evaluates existence, comparisons, AND/OR with parentheses as DynamoDB does', () => {
    const item = { pk: 'p', sk: 'x#2', a: 5, b: 'b' };
    expect(evaluate('attribute_exists(#pk) AND #a >= :v', item, names, { ':v': 5 })).toBe(true);
    expect(evaluate('attribute_not_exists(#pk) OR #a < :v', item, names, { ':v': 5 })).toBe(false);
    expect(evaluate('(attribute_exists(#pk) AND #a = :v) AND #b = :w', item, names, { ':v': 5, ':w': 'b' })).toBe(true);
    expect(evaluate('attribute_not_exists(#pk)', undefined, names, {})).toBe(true);
    // A comparison with a missing attribute is false, as in DynamoDB.
    expect(evaluate('#b < :v', { pk: 'p' }, names, { ':v': 'z' })).toBe(false);
    expect(evaluate('#a = :v', item, names, { ':v': '5' })).toBe(false);
  });

  it('evaluates key conditions with BETWEEN and begins_with', () => {
    const item = { pk: 'p', sk: 'x#2' };
    expect(evaluate('#pk = :pk and #sk1 BETWEEN :sk1 AND :sk2', item, names, { ':pk': 'p', ':sk1': 'x#1', ':sk2': 'x#3' })).toBe(true);
    expect(evaluate('#pk = :pk and begins_with(#sk1, :sk1)', item, names, { ':pk': 'p', ':sk1': 'y' })).toBe(false);
  });

  it('applies SET, ADD and REMOVE', () => {
    const updated = applyUpdate({ a: 1, b: 'x' }, 'SET #b = :b ADD #a :one REMOVE #c', { '#a': 'a', '#b': 'b', '#c': 'c' }, { ':b': 'y', ':one': 2 });
    expect(updated).toEqual({ a: 3, b: 'y' });
    expect(applyUpdate({}, 'ADD #a :one', { '#a': 'a' }, { ':one': 1 })).toEqual({ a: 1 });
  });
});
