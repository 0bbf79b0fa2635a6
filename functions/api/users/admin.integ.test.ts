import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AdminGetUserCommand,
  AdminListGroupsForUserCommand,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { cognitoClient } from '../../../infra/local/cognito-setup.js';
import { signIn } from '../../../infra/local/auth.js';
import { demoAccounts, demoPassword } from '../../../infra/local/seed.js';
import { startTwin, type Twin } from '../../../infra/local/twin.js';

// Identity admin against the local twin: cognito-local (users, groups, MFA), SES viewer (sent
// mail), dynalite behind the gateway (transactions). One twin for the file, on free ports.

let twin: Twin;
let dir: string;
const tokens: Record<string, string> = {};
const json = { 'content-type': 'application/json' };

async function call(path: string, init: RequestInit & { token?: string; body?: string } = {}) {
  const headers = new Headers(init.headers);
  if (init.token) headers.set('authorization', `Bearer ${init.token}`);
  if (init.body) headers.set('content-type', 'application/json');
  const res = await fetch(`${twin.state.endpoints.api}${path}`, { ...init, headers });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as Record<string, any>) : undefined };
}

const send = (method: string, path: string, token: string | undefined, body?: unknown) =>
  call(path, { method, ...(token ? { token } : {}), headers: json, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });

interface StoredMail {
  messageId: string;
  destination: { to: string[] };
  subject: string;
  body: { text?: string };
}

/** Mail the twin's SES has accepted, newest last. */
async function sentMail(to: string): Promise<StoredMail[]> {
  const res = await fetch(`${twin.state.endpoints.ses}/store`);
  const { emails } = (await res.json()) as { emails: StoredMail[] };
  return emails.filter((m) => m.destination.to.some((d) => d.toLowerCase().includes(to.toLowerCase())));
}

const cognito = () => cognitoClient(twin.state.endpoints.cognito);
/**
 * Changes to the records this slice owns, from the twin's change stream. Audit records and session
 * bookkeeping are written for rejected requests too (by design), so they are left out here.
 */
const owned = new Set(['user', 'roleMatrix', 'roleMatrixVersion', 'roleDefinition', 'accessRequest', 'openAccessRequest']);
const writesSoFar = () =>
  twin.gateway.feed.records().filter((r) => owned.has(String((r.dynamodb?.NewImage ?? r.dynamodb?.OldImage)?.__edb_e__?.S))).length;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cm-admin-'));
  twin = await startTwin({ dir, ports: { api: 0, dynamodb: 0, s3: 0, cognito: 0, ses: 0, smtp: 0 }, scheduler: false, ttlIntervalMs: 0 });
  for (const email of ['admin@cloudmanager.example', 'manager@cloudmanager.example', 'customer@cloudmanager.example', 'agent@cloudmanager.example']) {
    tokens[email] = await registeredSignIn(email);
  }
}, 120_000);

/**
 * Signs in at Cognito and registers the session as the auth API does (shared/identity): the API
 * accepts only registered access tokens.
 */
async function registeredSignIn(email: string): Promise<string> {
  const signedIn = await signIn(cognito(), twin.state.cognito.clientId, email, demoPassword, twin.seeded?.secrets[email]);
  const { issuedTokens } = await import('../../../shared/identity/cognito-flows.js');
  const { openSession } = await import('../../../shared/identity/sessions.js');
  const issued = issuedTokens({ AccessToken: signedIn.accessToken, IdToken: signedIn.idToken, RefreshToken: signedIn.refreshToken });
  await openSession(issued.claims.sub, issued, { ip: '127.0.0.1', userAgent: 'admin.integ.test' });
  return signedIn.accessToken;
}

afterAll(async () => {
  vi.useRealTimers();
  await twin?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const admin = () => tokens['admin@cloudmanager.example']!;

describe('seeded user records', () => {
  it('every demo account has its User record, keyed by the Cognito sub; staff have TOTP enrolled', async () => {
    const page = await call('/users?limit=100', { token: admin() });
    expect(page.status).toBe(200);
    for (const account of demoAccounts) {
      const { UserAttributes } = await cognito().send(new AdminGetUserCommand({ UserPoolId: twin.state.cognito.userPoolId, Username: account.email }));
      const sub = UserAttributes?.find((a) => a.Name === 'sub')?.Value;
      const record = page.body?.items.find((u: { email: string }) => u.email === account.email);
      expect(record, account.email).toMatchObject({ userId: sub, role: account.role, status: 'active', mfaEnrolled: account.role !== 'customer' });
    }
  });
});

describe('staff invitation', () => {
  it('admin creates a staff user: invitation mail with a temporary password that signs in with NEW_PASSWORD_REQUIRED', async () => {
    const email = 'nadia@cloudmanager.example';
    const created = await send('POST', '/users', admin(), { email, name: 'Nadia Tech', role: 'technician' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ email, role: 'technician', kind: 'staff', status: 'active', mfaEnrolled: false });
    const userId = created.body!.userId as string;

    // The invitation, as the SES viewer shows it.
    const [invitation] = await sentMail(email);
    expect(invitation?.subject).toBe('Your CloudManager account');
    const password = /Temporary password: (\S+)/.exec(invitation?.body.text ?? '')?.[1];
    expect(password).toBeTruthy();
    // cognito-local answers NEW_PASSWORD_REQUIRED before checking the password, so also check the
    // password it stored is the one mailed.
    const db = JSON.parse(readFileSync(join(dir, 'cognito', '.cognito', 'db', `${twin.state.cognito.userPoolId}.json`), 'utf8')) as { Users: Record<string, { Password: string; UserStatus: string }> };
    expect(db.Users[userId]).toMatchObject({ Password: password, UserStatus: 'FORCE_CHANGE_PASSWORD' });

    const first = await cognito().send(
      new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: twin.state.cognito.clientId, AuthParameters: { USERNAME: email, PASSWORD: password! } }),
    );
    expect(first.ChallengeName).toBe('NEW_PASSWORD_REQUIRED');
    const changed = await cognito().send(
      new RespondToAuthChallengeCommand({
        ClientId: twin.state.cognito.clientId,
        ChallengeName: 'NEW_PASSWORD_REQUIRED',
        Session: first.Session,
        ChallengeResponses: { USERNAME: email, NEW_PASSWORD: 'Nadia-Own-Passw0rd!' },
      }),
    );
    expect(changed.AuthenticationResult?.AccessToken).toBeTruthy();

    const { Groups } = await cognito().send(new AdminListGroupsForUserCommand({ UserPoolId: twin.state.cognito.userPoolId, Username: userId }));
    expect(Groups?.map((g) => g.GroupName)).toEqual(['technician']);
    const found = await call(`/users?q=NADIA&role=technician`, { token: admin() });
    expect(found.body?.items.map((u: { userId: string }) => u.userId)).toEqual([userId]);
  });

  it('refuses a taken email (409) and bad input (400) without writing anything', async () => {
    const before = writesSoFar();
    const taken = await send('POST', '/users', admin(), { email: 'AGENT@cloudmanager.example', name: 'Again', role: 'agent' });
    const invalid = await send('POST', '/users', admin(), { email: 'not-an-email', name: '', role: 'agent' });
    const customerRole = await send('POST', '/users', admin(), { email: 'c3@cloudmanager.example', name: 'C', role: 'customer' });
    expect([taken, invalid, customerRole].map((r) => [r.status, r.body?.error?.code])).toEqual([
      [409, 'email_taken'],
      [400, 'validation_failed'],
      [400, 'invalid_role'],
    ]);
    expect(writesSoFar()).toBe(before);
  });
});

describe('role → permission matrix', () => {
  it('admin edits the matrix; permissionsFor sees it once the 60 s cache window has passed', async () => {
    const { permissionsFor, resetPermissionsCache, matrixCacheTtlMs } = await import('../../../shared/roles/matrix.js');
    resetPermissionsCache();
    expect(await permissionsFor('agent')).not.toContain('tickets:delete');

    const current = await call('/roles', { token: admin() });
    expect(current.status).toBe(200);
    const matrix = { ...current.body!.matrix, agent: [...current.body!.matrix.agent, 'tickets:delete'] };
    const saved = await send('PUT', '/roles/matrix', admin(), { version: current.body!.version, matrix, note: 'agents clean up spam tickets' });
    expect(saved.status).toBe(200);
    expect(saved.body?.version).toBe(current.body!.version + 1);

    // Still the cached matrix inside the window...
    expect(await permissionsFor('agent')).not.toContain('tickets:delete');
    // ...and the new one after it.
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(Date.now() + matrixCacheTtlMs + 1);
      expect(await permissionsFor('agent')).toContain('tickets:delete');
    } finally {
      vi.useRealTimers();
    }
  });

  it('keeps every version; a stale save is a 409, the lock-out guard a 400, neither writes; a rollback is a new version', async () => {
    const current = await call('/roles', { token: admin() });
    const v = current.body!.version as number;
    const withoutXp = { ...current.body!.matrix, agent: current.body!.matrix.agent.filter((p: string) => p !== 'xp:read') };
    expect((await send('PUT', '/roles/matrix', admin(), { version: v, matrix: withoutXp, note: 'no xp for agents' })).status).toBe(200);

    const before = writesSoFar();
    const stale = await send('PUT', '/roles/matrix', admin(), { version: v, matrix: current.body!.matrix, note: '' });
    const lockout = await send('PUT', '/roles/matrix', admin(), {
      version: v + 1,
      matrix: { ...withoutXp, admin: withoutXp.admin.filter((p: string) => p !== 'roles:manage') },
      note: '',
    });
    expect([stale.status, stale.body?.error?.code, lockout.status, lockout.body?.error?.code]).toEqual([409, 'version_conflict', 400, 'admin_lockout']);
    expect(writesSoFar()).toBe(before);

    const versions = await call('/roles/versions?limit=2', { token: admin() });
    expect(versions.body?.items.map((i: { version: number }) => i.version)).toEqual([v + 1, v]);
    expect(versions.body?.items[0]).toMatchObject({ note: 'no xp for agents', changedBy: { username: expect.any(String) }, diff: [{ roleId: 'agent', added: [], removed: ['xp:read'] }] });
    const next = await call(`/roles/versions?limit=2&cursor=${encodeURIComponent(versions.body!.cursor)}`, { token: admin() });
    expect(next.status).toBe(200);

    const restored = await send('POST', `/roles/versions/${v}/restore`, admin(), { version: v + 1 });
    expect(restored.status).toBe(200);
    expect(restored.body?.version).toBe(v + 2);
    expect(restored.body?.matrix.agent).toContain('xp:read');
    const shown = await call(`/roles/versions/${v + 2}`, { token: admin() });
    expect(shown.body).toMatchObject({ restoredFrom: v, diff: [{ roleId: 'agent', added: ['xp:read'], removed: [] }] });
  });

  it('custom roles: created, granted in the matrix, assigned, and not deletable while held', async () => {
    const created = await send('POST', '/roles', admin(), { roleId: 'night-shift', name: 'Night shift', description: 'Weekend desk' });
    expect(created.status).toBe(201);
    expect((await send('POST', '/roles', admin(), { roleId: 'night-shift', name: 'Again' })).body?.error?.code).toBe('role_exists');

    const roles = await call('/roles', { token: admin() });
    expect(roles.body?.matrix['night-shift']).toEqual([]);
    const granted = await send('PUT', '/roles/matrix', admin(), {
      version: roles.body!.version,
      matrix: { ...roles.body!.matrix, 'night-shift': ['tickets:read', 'tickets:update'] },
      note: 'night shift answers tickets',
    });
    expect(granted.body?.matrix['night-shift']).toEqual(['tickets:read', 'tickets:update']);
    const { permissionsFor, resetPermissionsCache } = await import('../../../shared/roles/matrix.js');
    resetPermissionsCache();
    expect([...(await permissionsFor('night-shift'))]).toEqual(['tickets:read', 'tickets:update']);

    const staff = await send('POST', '/users', admin(), { email: 'owl@cloudmanager.example', name: 'Owl', role: 'night-shift' });
    expect(staff.status).toBe(201);
    const held = await call('/roles/night-shift', { method: 'DELETE', token: admin() });
    expect([held.status, held.body?.error?.code]).toEqual([409, 'role_in_use']);

    const moved = await send('PUT', `/users/${staff.body!.userId}/role`, admin(), { role: 'agent', version: staff.body!.version });
    expect(moved.body).toMatchObject({ role: 'agent', version: staff.body!.version + 1 });
    expect((await call('/roles/night-shift', { method: 'DELETE', token: admin() })).status).toBe(204);
    expect((await call('/roles/night-shift', { method: 'DELETE', token: admin() })).status).toBe(404);
    // Its row left the matrix in a new version, written in the same transaction as the deletion.
    const after = await call('/roles', { token: admin() });
    expect(after.body?.version).toBe(granted.body!.version + 1);
    expect(after.body?.matrix).not.toHaveProperty('night-shift');
    expect(after.body?.roles.map((r: { roleId: string }) => r.roleId)).not.toContain('night-shift');
  });
});

describe('who may', () => {
  it('a customer gets 403 on every admin route; a manager reads but does not manage', async () => {
    const customer = tokens['customer@cloudmanager.example']!;
    const manager = tokens['manager@cloudmanager.example']!;
    const before = writesSoFar();
    const customerCalls = [
      await call('/users', { token: customer }),
      await call('/roles', { token: customer }),
      await call('/roles/versions', { token: customer }),
      await send('PUT', '/roles/matrix', customer, { version: 0, matrix: {}, note: '' }),
      await send('POST', '/users', customer, { email: 'x@x.example', name: 'X', role: 'agent' }),
      await call('/access-requests', { token: customer }),
    ];
    for (const res of customerCalls) expect([res.status, res.body?.error?.code]).toEqual([403, 'forbidden']);
    expect((await call('/users', { token: manager })).status).toBe(200);
    expect((await call('/roles', { token: manager })).status).toBe(200);
    expect((await send('POST', '/users', manager, { email: 'y@x.example', name: 'Y', role: 'agent' })).status).toBe(403);
    expect(writesSoFar()).toBe(before);
  });
});

describe('users admin', () => {
  it('disables and enables an account in Cognito and in its record', async () => {
    const technician = (await call('/users?q=technician@', { token: admin() })).body!.items[0];
    const disabled = await call(`/users/${technician.userId}/disable`, { method: 'POST', token: admin() });
    expect(disabled.body).toMatchObject({ status: 'disabled' });
    let cognitoUser = await cognito().send(new AdminGetUserCommand({ UserPoolId: twin.state.cognito.userPoolId, Username: technician.userId }));
    expect(cognitoUser.Enabled).toBe(false);
    const enabled = await call(`/users/${technician.userId}/enable`, { method: 'POST', token: admin() });
    expect(enabled.body).toMatchObject({ status: 'active' });
    cognitoUser = await cognito().send(new AdminGetUserCommand({ UserPoolId: twin.state.cognito.userPoolId, Username: technician.userId }));
    expect(cognitoUser.Enabled).toBe(true);
  });

  it("resets a user's 2FA: Cognito TOTP off, record updated, user told by email; nobody does it to themselves", async () => {
    const agent = (await call('/users?q=agent@', { token: admin() })).body!.items[0];
    const reset = await call(`/users/${agent.userId}/mfa/reset`, { method: 'POST', token: admin() });
    expect(reset.body).toMatchObject({ mfaEnrolled: false });
    const cognitoUser = await cognito().send(new AdminGetUserCommand({ UserPoolId: twin.state.cognito.userPoolId, Username: agent.userId }));
    expect(cognitoUser.UserMFASettingList ?? []).toEqual([]);
    // Without TOTP the agent's password alone signs in again (they must enrol anew).
    await expect(signIn(cognito(), twin.state.cognito.clientId, 'agent@cloudmanager.example', demoPassword)).resolves.toMatchObject({ accessToken: expect.any(String) });
    expect((await sentMail('agent@cloudmanager.example')).at(-1)?.subject).toMatch(/two-factor/i);

    const self = (await call('/users?q=admin@', { token: admin() })).body!.items[0];
    const refused = await call(`/users/${self.userId}/disable`, { method: 'POST', token: admin() });
    expect([refused.status, refused.body?.error?.code, refused.body?.error?.details]).toEqual([403, 'forbidden', { reason: 'self' }]);
    expect((await call('/users/no-such-user', { token: admin() })).status).toBe(404);
  });
});

describe('access requests', () => {
  it('public request (one open per email, same 202 every time) → admin approves → account and invitation', async () => {
    const form = { name: 'Rami Repair', email: 'rami@repairs.example', requestedRole: 'technician', note: 'Starts Monday' };
    const first = await send('POST', '/access-requests', undefined, form);
    const second = await send('POST', '/access-requests', undefined, { ...form, email: 'RAMI@repairs.example' });
    const existing = await send('POST', '/access-requests', undefined, { ...form, email: 'admin@cloudmanager.example' });
    expect([first, second, existing].map((r) => [r.status, r.body])).toEqual(Array(3).fill([202, { status: 'received' }]));

    const pending = await call('/access-requests?status=pending', { token: admin() });
    const mine = pending.body!.items.filter((r: { email: string }) => r.email.toLowerCase().startsWith('rami@') || r.email === 'admin@cloudmanager.example');
    expect(mine).toHaveLength(1);

    const approved = await send('POST', `/access-requests/${mine[0].requestId}/approve`, admin(), { role: 'agent' });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ request: { status: 'approved', grantedRole: 'agent' }, user: { email: 'rami@repairs.example', role: 'agent' } });
    expect((await sentMail('rami@repairs.example')).at(-1)?.body.text).toMatch(/Temporary password: \S+/);

    const before = writesSoFar();
    const again = await send('POST', `/access-requests/${mine[0].requestId}/approve`, admin(), {});
    const reject = await send('POST', `/access-requests/${mine[0].requestId}/reject`, admin(), { reason: 'late' });
    const unknown = await send('POST', '/access-requests/nope/reject', admin(), { reason: 'x' });
    expect([again, reject, unknown].map((r) => [r.status, r.body?.error?.code])).toEqual([
      [409, 'invalid_status_transition'],
      [409, 'invalid_status_transition'],
      [404, 'not_found'],
    ]);
    expect(writesSoFar()).toBe(before);
  });

  it('admin rejects with a reason, which the requester receives; the email may then ask again', async () => {
    const form = { name: 'Sami', email: 'sami@elsewhere.example', requestedRole: 'manager' };
    expect((await send('POST', '/access-requests', undefined, form)).status).toBe(202);
    const pending = await call('/access-requests', { token: admin() });
    const request = pending.body!.items.find((r: { email: string }) => r.email === form.email);
    const rejected = await send('POST', `/access-requests/${request.requestId}/reject`, admin(), { reason: 'Not part of the company' });
    expect(rejected.body).toMatchObject({ status: 'rejected', reason: 'Not part of the company' });
    expect((await sentMail(form.email)).at(-1)?.body.text).toContain('Not part of the company');

    expect((await call('/access-requests?status=rejected', { token: admin() })).body!.items.map((r: { requestId: string }) => r.requestId)).toContain(request.requestId);
    expect((await send('POST', '/access-requests', undefined, form)).status).toBe(202);
    const reopened = await call('/access-requests', { token: admin() });
    expect(reopened.body!.items.filter((r: { email: string }) => r.email === form.email)).toHaveLength(1);
  });
});
