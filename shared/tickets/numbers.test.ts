import { describe, expect, it } from 'vitest';
import { formatTicketNumber, maxTicketNumber, minTicketNumber, numberLockPut, randomTicketNumber } from './numbers.js';

describe('ticket numbers', () => {
  it('are six digits within 100000–999999', () => {
    // Act
    const numbers = Array.from({ length: 2000 }, randomTicketNumber);

    // Assess
    for (const n of numbers) {
      expect(n).toMatch(/^[1-9][0-9]{5}$/);
      expect(Number(n)).toBeGreaterThanOrEqual(minTicketNumber);
      expect(Number(n)).toBeLessThanOrEqual(maxTicketNumber);
    }
  });

  it('are not sequential', () => {
    // Act
    const numbers = Array.from({ length: 200 }, () => Number(randomTicketNumber()));

    // Assess
    const steps = numbers.slice(1).map((n, i) => n - numbers[i]!);
    expect(steps.filter((d) => d === 1).length).toBeLessThan(3);
    expect(new Set(numbers).size).toBeGreaterThan(190);
  });

  it('are shown with a hash', () => {
    // Assess
    expect(formatTicketNumber('482913')).toBe('#482913');
  });

  it('are claimed by a lock that fails when taken', () => {
    // Act
    const put = numberLockPut('482913', 't-1');

    // Assess
    expect(put.Put?.ConditionExpression).toBe('attribute_not_exists(pk)');
    expect(put.Put?.Item).toMatchObject({ number: '482913', ticketId: 't-1' });
  });
});
