import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AdminAddUserToGroupCommand, AdminCreateUserCommand } from '@aws-sdk/client-cognito-identity-provider';
import { Secret, TOTP } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cognitoClient, ensureUser } from '../../../infra/local/cognito-setup.js';
import { demoPassword } from '../../../infra/local/seed.js';
import { startTwin, type Twin } from '../../../infra/local/twin.js';

/**
 * The auth facade against the local twin: cognito-local, dynalite behind the gateway, the SES
 * store (GET {ses}/store) — the same handlers the API server runs, over HTTP.
 */

let twin: Twin;
let dir: string;

type Json = Record<string, any>;

async function call(path: string, init: { method?: string; body?: unknown; token?: string } = {}) {
  const headers: Record<string, string> = {};
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  const res = await fetch(`${twin.state.endpoints.api}${path}`, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers,
    ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : undefined) as Json };
}

const codeOf = (res: { body: Json }) => res.body?.error?.code as string | undefined;

interface StoredMail {
  destination: { to: string[] };
  subject: string;
  body: { text?: string };
  at: number;
}

async function mailsTo(address: string): Promise<StoredMail[]> {
  const res = await fetch(`${twin.state.endpoints.ses}/store`);
  const { emails } = (await res.json()) as { emails: StoredMail[] };
  return emails.filter((e) => e.destination.to.includes(address));
}

/** The 6-digit code on a line of its own in the latest email to the address. */
async function latestCode(address: string): Promise<string> {
  const mails = await mailsTo(address);
  const text = mails.at(-1)?.body.text ?? '';
  const code = /^(\d{6})\r?$/m.exec(text)?.[1];
  if (!code) throw new Error(`no code mailed to ${address}: ${JSON.stringify(mails.at(-1))}`);
  return code;
}

const totp = (secret: string, at = Date.now()) => new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30, algorithm: 'SHA1' }).generate({ timestamp: at });

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cm-auth-'));
  twin = await startTwin({ dir, ports: { api: 0, dynamodb: 0, s3: 0, cognito: 0, ses: 0, smtp: 0 }, scheduler: false, ttlIntervalMs: 0 });
}, 120_000);

afterAll(async () => {
  await twin?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('a customer registers, verifies, enrols TOTP and signs back in with it', () => {
  const email = 'nadia.customer@example.com';
  const password = 'Sunny-Day-2026!x';
  let accessToken = '';
  let secret = '';
  let enrolCode = '';
  let backupCodes: string[] = [];

  it('registers: 202, and the code arrives through SES', async () => {
    const res = await call('/auth/register', { body: { email, password, name: 'Nadia', locale: 'fr' } });
    expect(res).toEqual({ status: 202, body: { status: 'verification_sent' } });
    const mails = await mailsTo(email);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toMatch(/CloudManager/);
  });

  it('refuses a weak password before anything is sent', async () => {
    const before = (await mailsTo('weak@example.com')).length;
    const res = await call('/auth/register', { body: { email: 'weak@example.com', password: 'short', name: 'W' } });
    expect({ status: res.status, code: codeOf(res) }).toEqual({ status: 400, code: 'weak_password' });
    expect((await mailsTo('weak@example.com')).length).toBe(before);
  });

  it('cannot sign in before verifying; a wrong code is code_invalid', async () => {
    expect(codeOf(await call('/auth/sign-in', { body: { email, password } }))).toBe('invalid_credentials');
    const wrong = await call('/auth/register/verify', { body: { email, code: '000000' } });
    expect(codeOf(wrong)).toBe('code_invalid');
  });

  it('verifies with the mailed code and signs in (customer: no TOTP needed)', async () => {
    const verified = await call('/auth/register/verify', { body: { email, code: await latestCode(email) } });
    expect(verified).toEqual({ status: 200, body: { status: 'verified' } });
    const signIn = await call('/auth/sign-in', { body: { email, password } });
    expect(signIn.status).toBe(200);
    expect(signIn.body).toMatchObject({ status: 'signed_in', sessionId: expect.any(String), tokens: { accessToken: expect.any(String), refreshToken: expect.any(String), expiresIn: expect.any(Number) } });
    accessToken = signIn.body.tokens.accessToken;
    const me = await call('/me', { token: accessToken });
    expect(me.body).toMatchObject({ role: 'customer', isStaff: false });
  });

  it('sets up TOTP: secret + otpauth URI, then a first code turns it on and answers 10 backup codes', async () => {
    const setup = await call('/auth/mfa/setup', { method: 'POST', token: accessToken });
    expect(setup.status).toBe(200);
    secret = setup.body.secret;
    expect(setup.body.otpauthUri).toMatch(/^otpauth:\/\/totp\/CloudManager:nadia\.customer%40example\.com\?secret=/);
    expect(codeOf(await call('/auth/mfa/verify', { body: { code: '123456' }, token: accessToken }))).toBe('mfa_invalid');
    enrolCode = totp(secret);
    const verify = await call('/auth/mfa/verify', { body: { code: enrolCode }, token: accessToken });
    expect(verify.status).toBe(200);
    backupCodes = verify.body.backupCodes;
    expect(backupCodes).toHaveLength(10);
    expect(new Set(backupCodes).size).toBe(10);
    expect((await call('/auth/mfa', { token: accessToken })).body).toEqual({ enrolled: true, backupCodesRemaining: 10 });
  });

  it('signs out: the session ends and its token stops working at once', async () => {
    expect((await call('/auth/sign-out', { method: 'POST', token: accessToken })).status).toBe(204);
    const after = await call('/me', { token: accessToken });
    expect({ status: after.status, code: codeOf(after) }).toEqual({ status: 401, code: 'session_revoked' });
  });

  it('signs back in with a TOTP code (the code used for enrolment cannot be used again) and refreshes the session', async () => {
    const first = await call('/auth/sign-in', { body: { email, password } });
    expect(first.body).toMatchObject({ status: 'mfa_required', challenge: expect.any(String) });
    const replay = await call('/auth/sign-in/mfa', { body: { challenge: first.body.challenge, code: enrolCode } });
    expect(codeOf(replay)).toBe('mfa_invalid');
    const answer = await call('/auth/sign-in/mfa', { body: { challenge: first.body.challenge, code: totp(secret, Date.now() + 30_000) } });
    expect(answer.status).toBe(200);
    expect(answer.body.status).toBe('signed_in');
    accessToken = answer.body.tokens.accessToken;
    const refreshed = await call('/auth/refresh', { body: { sessionId: answer.body.sessionId, refreshToken: answer.body.tokens.refreshToken } });
    expect(refreshed.status).toBe(200);
    accessToken = refreshed.body.tokens.accessToken;
    const history = await call('/auth/login-history', { token: accessToken });
    expect(history.body.items.map((e: Json) => e.outcome).slice(0, 3)).toEqual(['success', 'code_replayed', 'success']);
  });

  it('lists sessions with the current one flagged, and ends another one', async () => {
    const other = await call('/auth/sign-in', { body: { email, password } });
    expect(other.body.status).toBe('mfa_required');
    const sessions = await call('/auth/sessions', { token: accessToken });
    expect(sessions.body.items).toHaveLength(1);
    expect(sessions.body.items[0]).toMatchObject({ current: true, createdAt: expect.any(String), lastSeenAt: expect.any(String) });
    expect((await call(`/auth/sessions/${sessions.body.items[0].sessionId}x`, { method: 'DELETE', token: accessToken })).status).toBe(404);
  });

  it('signs in with a backup code when the phone is lost: TOTP is off afterwards, and the code is single use', async () => {
    const res = await call('/auth/sign-in/backup-code', { body: { email, password, backupCode: backupCodes[0] } });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('signed_in');
    const token = res.body.tokens.accessToken;
    expect((await call('/auth/mfa', { token })).body).toEqual({ enrolled: false, backupCodesRemaining: 0 });
    const again = await call('/auth/sign-in/backup-code', { body: { email, password, backupCode: backupCodes[0] } });
    expect(codeOf(again)).toBe('mfa_invalid');
    // Without TOTP, the password alone signs in again.
    expect((await call('/auth/sign-in', { body: { email, password } })).body.status).toBe('signed_in');
  });
});

describe('lockout', () => {
  it('5 wrong passwords lock a known address for 15 minutes, even for the right password', async () => {
    const email = 'customer2@cloudmanager.example';
    const answers: (string | undefined)[] = [];
    for (let i = 0; i < 5; i++) answers.push(codeOf(await call('/auth/sign-in', { body: { email, password: `Wrong-password-${i}!` } })));
    expect(answers).toEqual(['invalid_credentials', 'invalid_credentials', 'invalid_credentials', 'invalid_credentials', 'locked']);
    const right = await call('/auth/sign-in', { body: { email, password: demoPassword } });
    expect({ status: right.status, code: codeOf(right) }).toEqual({ status: 423, code: 'locked' });
  });

  it('an unknown address behaves exactly the same', async () => {
    const email = 'nobody@example.com';
    const answers: (number | undefined)[] = [];
    for (let i = 0; i < 6; i++) answers.push((await call('/auth/sign-in', { body: { email, password: `Wrong-password-${i}!` } })).status);
    expect(answers).toEqual([401, 401, 401, 401, 423, 423]);
  });

  it('admins see the failed sign-ins and lockouts across users', async () => {
    const { signInViaApi } = await import('../../../infra/local/auth.js');
    const admin = await signInViaApi(twin.state.endpoints.api, 'admin@cloudmanager.example', demoPassword, twin.seeded?.secrets['admin@cloudmanager.example']);
    const events = await call('/auth/login-events?outcome=lockout_started', { token: admin.accessToken });
    expect(events.status).toBe(200);
    expect(events.body.items.map((e: Json) => e.email).sort()).toEqual(['customer2@cloudmanager.example', 'nobody@example.com']);
    const all = await call('/auth/login-events?limit=3', { token: admin.accessToken });
    expect(all.body.items).toHaveLength(3);
    expect(all.body.nextCursor).toEqual(expect.any(String));
    const next = await call(`/auth/login-events?limit=3&cursor=${all.body.nextCursor}`, { token: admin.accessToken });
    expect(next.body.items).toHaveLength(3);
    expect(next.body.items[0].at <= all.body.items[2].at).toBe(true);
    const customer = await signInViaApi(twin.state.endpoints.api, 'customer@cloudmanager.example', demoPassword);
    expect(codeOf(await call('/auth/login-events', { token: customer.accessToken }))).toBe('forbidden');
  });
});

describe('staff without TOTP', () => {
  it('are signed in but may only reach the 2FA setup routes until they enrol', async () => {
    const email = 'new.agent@cloudmanager.example';
    await ensureUser(cognitoClient(twin.state.endpoints.cognito), twin.state.cognito.userPoolId, email, demoPassword, 'agent');
    const res = await call('/auth/sign-in', { body: { email, password: demoPassword } });
    expect(res.body).toMatchObject({ status: 'mfa_setup_required', sessionId: expect.any(String) });
    const token = res.body.tokens.accessToken;
    const settings = await call('/settings/organisation', { token });
    expect({ status: settings.status, code: codeOf(settings) }).toEqual({ status: 403, code: 'mfa_setup_required' });
    const me = await call('/me', { token });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ role: 'agent', isStaff: true });
    const setup = await call('/auth/mfa/setup', { method: 'POST', token });
    const verify = await call('/auth/mfa/verify', { body: { code: totp(setup.body.secret) }, token });
    expect(verify.status).toBe(200);
    expect((await call('/settings/organisation', { token })).status).toBe(200);
  });
});

describe('forgotten password', () => {
  it('answers the same for a known and an unknown address; only the known one gets a code', async () => {
    const known = await call('/auth/password/forgot', { body: { email: 'technician@cloudmanager.example' } });
    const unknown = await call('/auth/password/forgot', { body: { email: 'ghost@example.com' } });
    expect(unknown).toEqual(known);
    expect(known).toEqual({ status: 202, body: { status: 'reset_code_sent' } });
    expect(await mailsTo('ghost@example.com')).toEqual([]);
    expect((await mailsTo('technician@cloudmanager.example')).length).toBe(1);
  });

  it('resets with the code: every session ends and the new password works', async () => {
    const { signInViaApi } = await import('../../../infra/local/auth.js');
    const email = 'technician@cloudmanager.example';
    const before = await signInViaApi(twin.state.endpoints.api, email, demoPassword, twin.seeded?.secrets[email]);
    expect((await call('/me', { token: before.accessToken })).status).toBe(200);
    const newPassword = 'Brand-New-Passw0rd!';
    const weak = await call('/auth/password/reset', { body: { email, code: await latestCode(email), newPassword: 'weakweak' } });
    expect(codeOf(weak)).toBe('weak_password');
    expect(codeOf(await call('/auth/password/reset', { body: { email, code: '000000', newPassword } }))).toBe('code_invalid');
    const reset = await call('/auth/password/reset', { body: { email, code: await latestCode(email), newPassword } });
    expect(reset).toEqual({ status: 200, body: { status: 'password_reset' } });
    expect(codeOf(await call('/me', { token: before.accessToken }))).toBe('session_revoked');
    expect(codeOf(await call('/auth/sign-in', { body: { email, password: demoPassword } }))).toBe('invalid_credentials');
    const after = await signInViaApi(twin.state.endpoints.api, email, newPassword, twin.seeded?.secrets[email]);
    expect((await call('/me', { token: after.accessToken })).status).toBe(200);
  });
});

describe('tokens and sessions', () => {
  it('refreshes a session: the new access token is registered, the refresh token must match', async () => {
    const email = 'customer@cloudmanager.example';
    const signIn = await call('/auth/sign-in', { body: { email, password: demoPassword } });
    const { sessionId, tokens } = signIn.body;
    const bad = await call('/auth/refresh', { body: { sessionId, refreshToken: `${tokens.refreshToken}x` } });
    expect(codeOf(bad)).toBe('session_revoked');
    const refreshed = await call('/auth/refresh', { body: { sessionId, refreshToken: tokens.refreshToken } });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.tokens.refreshToken).toBeUndefined();
    expect((await call('/me', { token: refreshed.body.tokens.accessToken })).status).toBe(200);
    expect((await call('/auth/sessions', { method: 'DELETE', token: refreshed.body.tokens.accessToken })).status).toBe(204);
    expect(codeOf(await call('/me', { token: tokens.accessToken }))).toBe('session_revoked');
    expect(codeOf(await call('/auth/refresh', { body: { sessionId, refreshToken: tokens.refreshToken } }))).toBe('session_revoked');
  });

  it('refuses a token Cognito issued outside the API (not a registered session)', async () => {
    const { signIn } = await import('../../../infra/local/auth.js');
    const direct = await signIn(cognitoClient(twin.state.endpoints.cognito), twin.state.cognito.clientId, 'customer@cloudmanager.example', demoPassword);
    expect(codeOf(await call('/me', { token: direct.accessToken }))).toBe('session_revoked');
  });

  it("refuses a disabled user's unexpired token on the very next request", async () => {
    const { signInViaApi } = await import('../../../infra/local/auth.js');
    const session = await signInViaApi(twin.state.endpoints.api, 'manager@cloudmanager.example', demoPassword, twin.seeded?.secrets['manager@cloudmanager.example']);
    expect((await call('/me', { token: session.accessToken })).status).toBe(200);
    const { User } = await import('../../../shared/db/entities/user.js');
    const me = await call('/me', { token: session.accessToken });
    await User.patch({ userId: me.body.userId }).set({ status: 'disabled' }).go();
    const after = await call('/me', { token: session.accessToken });
    expect({ status: after.status, code: codeOf(after) }).toEqual({ status: 401, code: 'account_disabled' });
    await User.patch({ userId: me.body.userId }).set({ status: 'active' }).go();
  });
});

describe('account changes', () => {
  it('an invited staff member sets their own password at first sign-in, then has to set up TOTP', async () => {
    const email = 'invited.tech@cloudmanager.example';
    const cognito = cognitoClient(twin.state.endpoints.cognito);
    await cognito.send(
      new AdminCreateUserCommand({
        UserPoolId: twin.state.cognito.userPoolId,
        Username: email,
        TemporaryPassword: 'Temp-Passw0rd!x',
        MessageAction: 'SUPPRESS',
        UserAttributes: [
          { Name: 'email', Value: email },
          { Name: 'email_verified', Value: 'true' },
        ],
      }),
    );
    await cognito.send(new AdminAddUserToGroupCommand({ UserPoolId: twin.state.cognito.userPoolId, Username: email, GroupName: 'technician' }));
    const first = await call('/auth/sign-in', { body: { email, password: 'Temp-Passw0rd!x' } });
    expect(first.body).toMatchObject({ status: 'new_password_required', challenge: expect.any(String) });
    const weak = await call('/auth/sign-in/new-password', { body: { challenge: first.body.challenge, newPassword: 'short' } });
    expect(codeOf(weak)).toBe('weak_password');
    const set = await call('/auth/sign-in/new-password', { body: { challenge: first.body.challenge, newPassword: 'Own-Passw0rd!2026' } });
    expect(set.body).toMatchObject({ status: 'mfa_setup_required', tokens: { accessToken: expect.any(String) } });
    expect((await call('/me', { token: set.body.tokens.accessToken })).body).toMatchObject({ role: 'technician', isStaff: true });
    expect((await call('/auth/sign-in', { body: { email, password: 'Own-Passw0rd!2026' } })).body.status).toBe('mfa_setup_required');
  });

  it('changes the password (current one required); other sessions end, this one stays', async () => {
    const email = 'customer@cloudmanager.example';
    const other = await call('/auth/sign-in', { body: { email, password: demoPassword } });
    const here = await call('/auth/sign-in', { body: { email, password: demoPassword } });
    const token = here.body.tokens.accessToken;
    const wrong = await call('/auth/password/change', { body: { currentPassword: 'Not-The-Passw0rd!', newPassword: 'Next-Passw0rd!2026' }, token });
    expect({ status: wrong.status, code: codeOf(wrong) }).toEqual({ status: 400, code: 'invalid_credentials' });
    const changed = await call('/auth/password/change', { body: { currentPassword: demoPassword, newPassword: 'Next-Passw0rd!2026' }, token });
    expect(changed.status).toBe(204);
    expect((await call('/me', { token })).status).toBe(200);
    expect(codeOf(await call('/me', { token: other.body.tokens.accessToken }))).toBe('session_revoked');
    expect((await call('/auth/sign-in', { body: { email, password: 'Next-Passw0rd!2026' } })).body.status).toBe('signed_in');
    expect((await mailsTo(email)).at(-1)?.subject).toMatch(/password was changed/);
  });

  it('changes the email address after verifying the new one; the old address is told', async () => {
    const oldEmail = 'customer@cloudmanager.example';
    const newEmail = 'chloe.new@example.com';
    const signIn = await call('/auth/sign-in', { body: { email: oldEmail, password: 'Next-Passw0rd!2026' } });
    const token = signIn.body.tokens.accessToken;
    const taken = await call('/auth/email/change', { body: { newEmail: 'agent@cloudmanager.example' }, token });
    const asked = await call('/auth/email/change', { body: { newEmail }, token });
    expect(taken).toEqual(asked);
    expect(asked).toEqual({ status: 202, body: { status: 'verification_sent' } });
    expect(codeOf(await call('/auth/email/verify', { body: { code: '000000' }, token }))).toBe('code_invalid');
    const verified = await call('/auth/email/verify', { body: { code: await latestCode(newEmail) }, token });
    expect(verified).toEqual({ status: 200, body: { status: 'verified' } });
    expect((await call('/auth/sign-in', { body: { email: newEmail, password: 'Next-Passw0rd!2026' } })).body.status).toBe('signed_in');
    expect(codeOf(await call('/auth/sign-in', { body: { email: oldEmail, password: 'Next-Passw0rd!2026' } }))).toBe('invalid_credentials');
    expect((await mailsTo(oldEmail)).at(-1)?.subject).toMatch(/address was changed/);
    const { findUserByEmail } = await import('../../../shared/identity/users.js');
    expect(await findUserByEmail(newEmail)).toMatchObject({ email: newEmail });
  });
});
