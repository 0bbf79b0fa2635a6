import {
  AssociateSoftwareTokenCommand,
  CognitoIdentityProviderClient,
  SetUserMFAPreferenceCommand,
  VerifySoftwareTokenCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.hoisted(() => {
  process.env.MFA_ENCRYPTION_KEY = 'c'.repeat(64);
});
const audit = vi.hoisted(() => ({ recordAuthEvent: vi.fn(async () => {}) }));
vi.mock('../audit/auth-events.js', () => audit);

const { MemoryTable } = await import('./testing/memory-table.js');
const { meta, userItem } = await import('./testing/fixtures.js');
const mfa = await import('./mfa.js');
const { totpCode, timeStep } = await import('./totp.js');

const ddb = mockClient(DynamoDBDocumentClient);
const rawDdb = mockClient(DynamoDBClient);
const cognito = mockClient(CognitoIdentityProviderClient);
const ses = mockClient(SESv2Client);
let table: InstanceType<typeof MemoryTable>;

const secret = 'KRSXG5CTMVRXEZLUKN2XAZLSKNSWG4TF';

beforeEach(() => {
  table = new MemoryTable().attach(ddb);
  table.seed(userItem({ userId: 'u-1', email: 'yacine@example.com', role: 'agent', kind: 'staff', mfaEnrolled: false }));
  ses.on(SendEmailCommand).resolves({ MessageId: 'm' });
  cognito.on(AssociateSoftwareTokenCommand).resolves({ SecretCode: secret });
  cognito.on(VerifySoftwareTokenCommand).resolves({ Status: 'SUCCESS' });
  cognito.on(SetUserMFAPreferenceCommand).resolves({});
});

afterEach(() => {
  ddb.reset();
  rawDdb.reset();
  cognito.reset();
  ses.reset();
});

async function enrol(): Promise<string[]> {
  await mfa.startMfaSetup('u-1', 'access-token', meta);
  return mfa.confirmMfaSetup('u-1', 'access-token', totpCode(secret), meta);
}

describe('enrolment', () => {
  it('keeps the secret sealed while pending, then turns TOTP on at Cognito and in the record, with 10 backup codes', async () => {
    // Act
    const setup = await mfa.startMfaSetup('u-1', 'access-token', meta);
    const pending = table.entities('mfaSecret')[0];
    const codes = await mfa.confirmMfaSetup('u-1', 'access-token', totpCode(secret), meta);

    // Assess
    expect(setup).toEqual({ secret, otpauthUri: expect.stringContaining(`secret=${secret}`) });
    expect(pending).toMatchObject({ status: 'pending' });
    expect(JSON.stringify(pending)).not.toContain(secret);
    expect(codes).toHaveLength(10);
    expect(cognito.commandCalls(SetUserMFAPreferenceCommand)[0]!.args[0].input).toMatchObject({ AccessToken: 'access-token', SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true } });
    expect(table.entities('user')[0]).toMatchObject({ mfaEnrolled: true });
    expect(table.entities('mfaSecret')[0]).toMatchObject({ status: 'active' });
    expect(JSON.stringify(table.entities('backupCodes'))).not.toContain(codes[0]!.replace('-', ''));
    expect(await mfa.mfaStatus('u-1', true)).toEqual({ enrolled: true, backupCodesRemaining: 10 });
  });

  it('refuses a wrong first code without asking Cognito, and a second setup while enrolled', async () => {
    // Prepare
    await mfa.startMfaSetup('u-1', 'access-token', meta);

    // Act / Assess
    await expect(mfa.confirmMfaSetup('u-1', 'access-token', '000000', meta)).rejects.toMatchObject({ code: 'mfa_invalid' });
    expect(cognito.commandCalls(VerifySoftwareTokenCommand)).toHaveLength(0);
    await mfa.confirmMfaSetup('u-1', 'access-token', totpCode(secret), meta);
    await expect(mfa.startMfaSetup('u-1', 'access-token', meta)).rejects.toMatchObject({ statusCode: 409, code: 'mfa_already_enrolled' });
  });
});

describe('replay protection', () => {
  it('accepts a code once per user; the same code again is refused', async () => {
    // Prepare
    await enrol();
    const code = totpCode(secret, timeStep(Date.now()) + 1);

    // Act
    const first = await mfa.checkTotp('u-1', code);
    const second = await mfa.checkTotp('u-1', code);

    // Assess
    expect([first, second]).toEqual(['ok', 'replayed']);
  });

  it('refuses the enrolment code for disabling TOTP (it was used already)', async () => {
    // Prepare
    await mfa.startMfaSetup('u-1', 'access-token', meta);
    const code = totpCode(secret);
    await mfa.confirmMfaSetup('u-1', 'access-token', code, meta);

    // Act / Assess
    await expect(mfa.disableMfa('u-1', 'access-token', code, meta)).rejects.toMatchObject({ code: 'mfa_invalid' });
    expect(table.entities('user')[0]).toMatchObject({ mfaEnrolled: true });
  });
});

describe('disable and backup codes', () => {
  it('disables with a current code: Cognito preference off, secret and codes forgotten', async () => {
    // Prepare
    await enrol();

    // Act
    await mfa.disableMfa('u-1', 'access-token', totpCode(secret, timeStep(Date.now()) + 1), meta);

    // Assess
    expect(cognito.commandCalls(SetUserMFAPreferenceCommand).at(-1)!.args[0].input.SoftwareTokenMfaSettings).toEqual({ Enabled: false, PreferredMfa: false });
    expect(table.entities('user')[0]).toMatchObject({ mfaEnrolled: false });
    expect(table.entities('mfaSecret')).toEqual([]);
    expect(table.entities('backupCodes')).toEqual([]);
    await expect(mfa.disableMfa('u-1', 'access-token', totpCode(secret), meta)).rejects.toMatchObject({ code: 'mfa_required' });
  });

  it('uses each backup code once', async () => {
    // Prepare
    const codes = await enrol();

    // Act
    const first = await mfa.useBackupCode('u-1', codes[3]!);
    const again = await mfa.useBackupCode('u-1', codes[3]!);
    const other = await mfa.useBackupCode('u-1', codes[4]!.toUpperCase());
    const madeUp = await mfa.useBackupCode('u-1', 'aaaaa-aaaaa');

    // Assess
    expect([first, again, other, madeUp]).toEqual([true, false, true, false]);
    expect(await mfa.mfaStatus('u-1', true)).toEqual({ enrolled: true, backupCodesRemaining: 8 });
  });

  it('regenerates backup codes with a current code; the old ones stop working', async () => {
    // Prepare
    const old = await enrol();
    // The next step's code: never the enrolment's own code, even when the 30 s step turns meanwhile (replay guard).

    // Act
    const fresh = await mfa.regenerateBackupCodes('u-1', totpCode(secret, timeStep(Date.now()) + 1), meta);

    // Assess
    expect(fresh).toHaveLength(10);
    expect(await mfa.useBackupCode('u-1', old[0]!)).toBe(false);
    expect(await mfa.useBackupCode('u-1', fresh[0]!)).toBe(true);
  });
});
