import {
  CognitoIdentityProviderClient,
  InitiateAuthCommand,
  NotAuthorizedException,
  RespondToAuthChallengeCommand,
  RevokeTokenCommand,
  SetUserMFAPreferenceCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.hoisted(() => {
  process.env.MFA_ENCRYPTION_KEY = 'b'.repeat(64);
});
const audit = vi.hoisted(() => ({ recordAuthEvent: vi.fn(async () => {}) }));
vi.mock('../audit/auth-events.js', () => audit);

const { MemoryTable } = await import('./testing/memory-table.js');
const { authResult, meta, userItem } = await import('./testing/fixtures.js');
const { signIn, answerMfaChallenge, signInWithBackupCode } = await import('./sign-in.js');
const { seal, hashBackupCode } = await import('./crypto.js');
const { MfaSecret } = await import('../db/entities/mfa-secret.js');
const { BackupCodes } = await import('../db/entities/backup-codes.js');
const { totpCode } = await import('./totp.js');

const ddb = mockClient(DynamoDBDocumentClient);
const rawDdb = mockClient(DynamoDBClient);
const cognito = mockClient(CognitoIdentityProviderClient);
const ses = mockClient(SESv2Client);
let table: InstanceType<typeof MemoryTable>;

const secret = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const wrongPassword = () => new NotAuthorizedException({ message: 'Incorrect username or password.', $metadata: {} });

beforeEach(() => {
  table = new MemoryTable().attach(ddb);
  ses.on(SendEmailCommand).resolves({ MessageId: 'm-1' });
  cognito.on(RevokeTokenCommand).resolves({});
});

afterEach(() => {
  ddb.reset();
  rawDdb.reset();
  cognito.reset();
  ses.reset();
  audit.recordAuthEvent.mockClear();
});

const outcomes = () => table.entities('loginEvent').map((e) => e.outcome);

describe('lockout', () => {
  it('locks an address after 5 wrong passwords: the 5th answers locked, then even the right password is refused without asking Cognito', async () => {
    // Prepare
    table.seed(userItem({ userId: 'u-1', email: 'ines@example.com' }));
    cognito.on(InitiateAuthCommand).rejects(wrongPassword());

    // Act
    const answers: unknown[] = [];
    for (let i = 0; i < 5; i++) answers.push(await signIn({ email: 'Ines@Example.com', password: `wrong-${i}` }, meta).catch((e) => e));
    cognito.on(InitiateAuthCommand).resolves({ AuthenticationResult: authResult('u-1') });
    const right = await signIn({ email: 'ines@example.com', password: 'Right-Passw0rd!' }, meta).catch((e) => e);

    // Assess
    expect(answers.slice(0, 4)).toEqual(Array(4).fill(expect.objectContaining({ statusCode: 401, code: 'invalid_credentials' })));
    expect(answers[4]).toMatchObject({ statusCode: 423, code: 'locked' });
    expect(right).toMatchObject({ statusCode: 423, code: 'locked', headers: { 'retry-after': expect.stringMatching(/^\d+$/) } });
    expect(cognito.commandCalls(InitiateAuthCommand)).toHaveLength(5);
    expect(outcomes().sort()).toEqual(['locked', 'lockout_started', ...Array(5).fill('wrong_password')].sort());
    expect(table.entities('loginEvent').every((e) => e.userId === 'u-1' && e.ip === meta.ip)).toBe(true);
    expect(table.entities('session')).toEqual([]);
  });

  it('treats an unknown address exactly like a known one (same answers, same lock), recording it as unknown_user', async () => {
    // Prepare
    cognito.on(InitiateAuthCommand).rejects(wrongPassword());

    // Act
    const answers: unknown[] = [];
    for (let i = 0; i < 6; i++) answers.push(await signIn({ email: 'nobody@example.com', password: `wrong-${i}` }, meta).catch((e) => e.code));

    // Assess
    expect(answers).toEqual(['invalid_credentials', 'invalid_credentials', 'invalid_credentials', 'invalid_credentials', 'locked', 'locked']);
    expect(outcomes().filter((o) => o === 'unknown_user')).toHaveLength(5);
    expect(table.entities('loginEvent').every((e) => e.subject === 'email#nobody@example.com' && e.userId === undefined)).toBe(true);
  });

  it('starts counting afresh after a successful sign-in', async () => {
    // Prepare
    table.seed(userItem({ userId: 'u-2', email: 'omar@example.com' }));
    cognito.on(InitiateAuthCommand).rejects(wrongPassword());
    for (let i = 0; i < 4; i++) await signIn({ email: 'omar@example.com', password: 'x' }, meta).catch(() => undefined);
    cognito.on(InitiateAuthCommand).resolves({ AuthenticationResult: authResult('u-2') });

    // Act
    const ok = await signIn({ email: 'omar@example.com', password: 'Right-Passw0rd!' }, meta);
    cognito.on(InitiateAuthCommand).rejects(wrongPassword());
    const afterwards = await signIn({ email: 'omar@example.com', password: 'x' }, meta).catch((e) => e.code);

    // Assess
    expect(ok.status).toBe('signed_in');
    expect(afterwards).toBe('invalid_credentials');
    expect(table.entities('signInGuard')).toEqual([expect.objectContaining({ failures: 1 })]);
  });
});

describe('sign-in', () => {
  it('opens a session and registers the access token; staff without TOTP get mfa_setup_required', async () => {
    // Prepare
    table.seed(userItem({ userId: 'staff-1', email: 'aya@example.com', role: 'agent', kind: 'staff', mfaEnrolled: false }));
    cognito.on(InitiateAuthCommand).resolves({ AuthenticationResult: authResult('staff-1', { groups: ['agent'], jti: 'jti-1' }) });

    // Act
    const result = await signIn({ email: 'aya@example.com', password: 'Right-Passw0rd!' }, meta);

    // Assess
    expect(result).toMatchObject({ status: 'mfa_setup_required', sessionId: expect.any(String), tokens: { accessToken: expect.any(String), refreshToken: expect.any(String), expiresIn: 3600 } });
    const [session] = table.entities('session');
    expect(session).toMatchObject({ userId: 'staff-1', ip: meta.ip, tokens: [expect.objectContaining({ jti: 'jti-1' })] });
    expect(JSON.stringify(session)).not.toContain((result as { tokens: { refreshToken: string } }).tokens.refreshToken);
    expect(table.entities('sessionToken')).toEqual([expect.objectContaining({ jti: 'jti-1', userId: 'staff-1', sessionId: (result as { sessionId: string }).sessionId })]);
    expect(audit.recordAuthEvent).toHaveBeenCalledWith(expect.objectContaining({ name: 'auth.sign_in', outcome: 'success', userId: 'staff-1' }));
  });

  it('refuses a disabled account after the password, opening no session', async () => {
    // Prepare
    table.seed(userItem({ userId: 'u-3', email: 'off@example.com', status: 'disabled' }));
    const tokens = authResult('u-3');
    cognito.on(InitiateAuthCommand).resolves({ AuthenticationResult: tokens });

    // Act
    const result = signIn({ email: 'off@example.com', password: 'Right-Passw0rd!' }, meta);

    // Assess
    await expect(result).rejects.toMatchObject({ statusCode: 401, code: 'account_disabled' });
    expect(table.entities('session')).toEqual([]);
    expect(cognito.commandCalls(RevokeTokenCommand)[0]!.args[0].input.Token).toBe(tokens.RefreshToken);
  });
});

describe('TOTP challenge', () => {
  async function challenge(): Promise<string> {
    const result = await signIn({ email: 'lina@example.com', password: 'Right-Passw0rd!' }, meta);
    if (result.status !== 'mfa_required') throw new Error(result.status);
    return result.challenge;
  }

  beforeEach(() => {
    table.seed(userItem({ userId: 'u-4', email: 'lina@example.com', mfaEnrolled: true }));
    table.seed(MfaSecret.create({ userId: 'u-4', secretSealed: seal('totp-secret', secret), status: 'active', createdAt: new Date().toISOString() }).params<{ Item: Record<string, unknown> }>().Item);
    cognito.on(InitiateAuthCommand).resolves({ ChallengeName: 'SOFTWARE_TOKEN_MFA', Session: 'cognito-session', ChallengeParameters: { USER_ID_FOR_SRP: 'u-4' } });
    cognito.on(RespondToAuthChallengeCommand).resolves({ AuthenticationResult: authResult('u-4') });
  });

  it('hands out a sealed challenge that reveals nothing and cannot be altered', async () => {
    // Act
    const sealed = await challenge();

    // Assess
    expect(sealed).not.toContain('cognito-session');
    const tampered = `${sealed.slice(0, -4)}AAAA`;
    await expect(answerMfaChallenge({ challenge: tampered, code: totpCode(secret) }, meta)).rejects.toMatchObject({ code: 'code_expired' });
  });

  it('accepts a code once: the same code again is refused (replay), before Cognito is asked', async () => {
    // Prepare
    const code = totpCode(secret);

    // Act
    const first = await answerMfaChallenge({ challenge: await challenge(), code }, meta);
    const replay = await answerMfaChallenge({ challenge: await challenge(), code }, meta).catch((e) => e);

    // Assess
    expect(first.status).toBe('signed_in');
    expect(replay).toMatchObject({ statusCode: 400, code: 'mfa_invalid' });
    expect(cognito.commandCalls(RespondToAuthChallengeCommand)).toHaveLength(1);
    expect(cognito.commandCalls(RespondToAuthChallengeCommand)[0]!.args[0].input).toMatchObject({
      ChallengeName: 'SOFTWARE_TOKEN_MFA',
      Session: 'cognito-session',
      ChallengeResponses: { USERNAME: 'u-4', SOFTWARE_TOKEN_MFA_CODE: code },
    });
    expect(outcomes()).toContain('code_replayed');
  });

  it('counts a wrong code towards the lockout', async () => {
    // Act
    const answers: string[] = [];
    for (let i = 0; i < 5; i++) answers.push(await answerMfaChallenge({ challenge: await challenge(), code: '000000' }, meta).catch((e) => e.code));

    // Assess
    expect(answers).toEqual(['mfa_invalid', 'mfa_invalid', 'mfa_invalid', 'mfa_invalid', 'locked']);
    expect(cognito.commandCalls(RespondToAuthChallengeCommand)).toHaveLength(0);
  });
});

describe('backup-code sign-in', () => {
  it('uses the code once, turns TOTP off (Cognito and record) and forgets the secret', async () => {
    // Prepare
    table.seed(userItem({ userId: 'u-5', email: 'karim@example.com', mfaEnrolled: true }));
    table.seed(MfaSecret.create({ userId: 'u-5', secretSealed: seal('totp-secret', secret), status: 'active', createdAt: new Date().toISOString() }).params<{ Item: Record<string, unknown> }>().Item);
    const codes = [await hashBackupCode('abcde-fghjk'), await hashBackupCode('mnpqr-stuvw')];
    table.seed(BackupCodes.create({ userId: 'u-5', codes, version: 1, createdAt: new Date().toISOString() }).params<{ Item: Record<string, unknown> }>().Item);
    cognito.on(InitiateAuthCommand).resolves({ ChallengeName: 'SOFTWARE_TOKEN_MFA', Session: 's', ChallengeParameters: { USER_ID_FOR_SRP: 'u-5' } });
    cognito.on(RespondToAuthChallengeCommand).resolves({ AuthenticationResult: authResult('u-5') });
    cognito.on(SetUserMFAPreferenceCommand).resolves({});

    // Act
    const first = await signInWithBackupCode({ email: 'karim@example.com', password: 'Right-Passw0rd!', backupCode: 'ABCDE-FGHJK' }, meta);
    const again = await signInWithBackupCode({ email: 'karim@example.com', password: 'Right-Passw0rd!', backupCode: 'abcde-fghjk' }, meta).catch((e) => e);

    // Assess
    expect(first.status).toBe('signed_in');
    expect(again).toMatchObject({ code: 'mfa_invalid' });
    expect(cognito.commandCalls(SetUserMFAPreferenceCommand)[0]!.args[0].input.SoftwareTokenMfaSettings).toEqual({ Enabled: false, PreferredMfa: false });
    expect(table.entities('user')[0]).toMatchObject({ mfaEnrolled: false });
    expect(table.entities('mfaSecret')).toEqual([]);
    expect(table.entities('backupCodes')).toEqual([]);
    expect(outcomes()).toEqual(expect.arrayContaining(['backup_code', 'wrong_backup_code']));
    expect(ses.commandCalls(SendEmailCommand)).toHaveLength(1);
  });

  it('answers Cognito once more with a step free now when its own code fell out of the window', async () => {
    // Prepare
    table.seed(userItem({ userId: 'u-6', email: 'lina@example.com', mfaEnrolled: true }));
    table.seed(MfaSecret.create({ userId: 'u-6', secretSealed: seal('totp-secret', secret), status: 'active', createdAt: new Date().toISOString() }).params<{ Item: Record<string, unknown> }>().Item);
    table.seed(BackupCodes.create({ userId: 'u-6', codes: [await hashBackupCode('abcde-fghjk')], version: 1, createdAt: new Date().toISOString() }).params<{ Item: Record<string, unknown> }>().Item);
    cognito.on(InitiateAuthCommand).resolves({ ChallengeName: 'SOFTWARE_TOKEN_MFA', Session: 's', ChallengeParameters: { USER_ID_FOR_SRP: 'u-6' } });
    const mismatch = Object.assign(new Error('Invalid code'), { name: 'CodeMismatchException' });
    cognito.on(RespondToAuthChallengeCommand).rejectsOnce(mismatch).resolves({ AuthenticationResult: authResult('u-6') });
    cognito.on(SetUserMFAPreferenceCommand).resolves({});

    // Act
    const result = await signInWithBackupCode({ email: 'lina@example.com', password: 'Right-Passw0rd!', backupCode: 'abcde-fghjk' }, meta);

    // Assess
    expect(result.status).toBe('signed_in');
    const codes = cognito.commandCalls(RespondToAuthChallengeCommand).map((c) => c.args[0].input.ChallengeResponses?.SOFTWARE_TOKEN_MFA_CODE);
    expect(codes).toHaveLength(2);
    expect(codes[1]).not.toBe(codes[0]);
  });
});
