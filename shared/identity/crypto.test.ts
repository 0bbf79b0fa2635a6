import { describe, expect, it, vi } from 'vitest';

vi.hoisted(() => {
  process.env.MFA_ENCRYPTION_KEY = 'a'.repeat(64);
});

const { backupCodeMatches, codeHash, hashBackupCode, newBackupCode, seal, unseal } = await import('./crypto.js');

describe('seal / unseal (AES-256-GCM, one derived key per purpose)', () => {
  it('round-trips, and never produces the same ciphertext twice', () => {
    // Act
    const a = seal('totp-secret', 'JBSWY3DPEHPK3PXP');
    const b = seal('totp-secret', 'JBSWY3DPEHPK3PXP');

    // Assess
    expect(a).not.toBe(b);
    expect(unseal('totp-secret', a)).toBe('JBSWY3DPEHPK3PXP');
    expect(a).not.toContain('JBSWY3DPEHPK3PXP');
  });

  it('refuses a value sealed for another purpose, a tampered one, and garbage', () => {
    // Prepare
    const sealed = seal('challenge', '{"kind":"mfa"}');
    const raw = Buffer.from(sealed.slice(3), 'base64url');
    raw[raw.length - 20]! ^= 1;

    // Act / Assess
    expect(unseal('totp-secret', sealed)).toBeNull();
    expect(unseal('challenge', `v1.${raw.toString('base64url')}`)).toBeNull();
    expect(unseal('challenge', 'v1.AAAA')).toBeNull();
    expect(unseal('challenge', 'not sealed')).toBeNull();
  });
});

describe('codes at rest', () => {
  it('binds an emailed code to its purpose and subject', () => {
    expect(codeHash('reset', 'a@example.com', '123456')).toBe(codeHash('reset', 'a@example.com', '123456'));
    expect(codeHash('reset', 'a@example.com', '123456')).not.toBe(codeHash('register', 'a@example.com', '123456'));
    expect(codeHash('reset', 'a@example.com', '123456')).not.toBe(codeHash('reset', 'b@example.com', '123456'));
  });

  it('hashes backup codes with salted scrypt and matches them whatever the case and dashes', async () => {
    // Prepare
    const code = newBackupCode();
    const stored = await hashBackupCode(code);

    // Act / Assess
    expect(code).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/);
    expect(stored.hash).not.toContain(code.replace('-', ''));
    expect(await backupCodeMatches(code.toUpperCase().replace('-', ' '), stored)).toBe(true);
    expect(await backupCodeMatches(newBackupCode(), stored)).toBe(false);
    expect((await hashBackupCode(code)).hash).not.toBe(stored.hash);
  });
});
