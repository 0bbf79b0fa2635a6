import { Secret, TOTP, URI } from 'otpauth';
import { describe, expect, it } from 'vitest';
import { matchTotp, otpauthUri, timeStep, totpCode } from './totp.js';

const secret = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const reference = (at: number) => new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30, algorithm: 'SHA1' }).generate({ timestamp: at });

describe('TOTP (RFC 6238, as authenticator apps and Cognito compute it)', () => {
  it('computes the same codes as the otpauth library', () => {
    for (const at of [0, 59_000, 1_111_111_109_000, Date.now()]) expect(totpCode(secret, timeStep(at))).toBe(reference(at));
  });

  it('matches the current step and one either side, and tells which step', () => {
    // Prepare
    const now = 1_800_000_015_000;
    const step = timeStep(now);

    // Act / Assess
    expect(matchTotp(secret, reference(now), now)).toBe(step);
    expect(matchTotp(secret, reference(now - 30_000), now)).toBe(step - 1);
    expect(matchTotp(secret, reference(now + 30_000), now)).toBe(step + 1);
    expect(matchTotp(secret, reference(now - 60_000), now)).toBeNull();
    expect(matchTotp(secret, 'abcdef', now)).toBeNull();
  });

  it('builds an otpauth:// URI that authenticator apps (and otpauth) read back', () => {
    // Act
    const uri = otpauthUri(secret, 'nadia@example.com');

    // Assess
    const parsed = URI.parse(uri) as TOTP;
    expect(uri).toMatch(/^otpauth:\/\/totp\/CloudManager:nadia%40example\.com\?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=CloudManager/);
    expect(parsed.secret.base32).toBe(secret);
    expect(parsed.issuer).toBe('CloudManager');
    expect(parsed.label).toBe('nadia@example.com');
  });
});
