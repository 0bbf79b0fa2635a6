import { describe, expect, it } from 'vitest';
import { meetsPasswordPolicy, temporaryPassword } from './password.js';

describe('temporaryPassword', () => {
  it('always meets the pool policy (12+, lower, upper, digit, symbol) and differs every time', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 500; i++) {
      const password = temporaryPassword();
      expect(password).toHaveLength(16);
      expect(meetsPasswordPolicy(password), password).toBe(true);
      seen.add(password);
    }
    expect(seen.size).toBe(500);
  });

  it('recognises passwords that miss the policy', () => {
    expect(meetsPasswordPolicy('Short1!')).toBe(false);
    expect(meetsPasswordPolicy('nouppercase1!xx')).toBe(false);
    expect(meetsPasswordPolicy('NoSymbolsHere123')).toBe(false);
  });
});
