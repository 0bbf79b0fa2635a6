import { describe, expect, it } from 'vitest';
import { senderAuthenticated } from './staff-sender.js';

describe('senderAuthenticated (may a staff mail speak to a customer?)', () => {
  it('trusts a DMARC pass, or DKIM and SPF both passing when DMARC says nothing against it', () => {
    expect(senderAuthenticated({ dmarc: 'PASS', dkim: 'GRAY', spf: 'GRAY' })).toBe(true);
    expect(senderAuthenticated({ dmarc: 'GRAY', dkim: 'PASS', spf: 'PASS' })).toBe(true);
  });

  it('refuses a DMARC fail whatever else passed, one of DKIM/SPF alone, and no verdicts at all', () => {
    expect(senderAuthenticated({ dmarc: 'FAIL', dkim: 'PASS', spf: 'PASS' })).toBe(false);
    expect(senderAuthenticated({ dmarc: 'GRAY', dkim: 'PASS', spf: 'FAIL' })).toBe(false);
    expect(senderAuthenticated({ dmarc: 'GRAY', dkim: 'GRAY', spf: 'PASS' })).toBe(false);
    expect(senderAuthenticated(undefined)).toBe(false);
  });
});
