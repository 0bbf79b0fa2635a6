import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInViaApi } from '../../infra/local/auth.js';
import { demoPassword } from '../../infra/local/seed.js';
import { startTwin, type Twin } from '../../infra/local/twin.js';

let twin: Twin;
let dir: string;
const tokens: Record<'admin' | 'customer', string> = { admin: '', customer: '' };
const subs: Record<'admin' | 'customer', string> = { admin: '', customer: '' };
const emails = { admin: 'admin@cloudmanager.example', customer: 'customer@cloudmanager.example' } as const;

type Body = Record<string, any>;

async function call(path: string, init: RequestInit & { token?: string } = {}) {
  const headers = new Headers(init.headers);
  if (init.token) headers.set('authorization', `Bearer ${init.token}`);
  headers.set('user-agent', 'audit-integ-test');
  const res = await fetch(`${twin.state.endpoints.api}${path}`, { ...init, headers });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: (text ? JSON.parse(text) : undefined) as Body };
}

const subOf = (token: string) => (JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')) as { sub: string }).sub;

/** All pages of a listing, following the cursor. */
async function allPages(path: string, token: string) {
  const items: Body[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < 100; page += 1) {
    const sep = path.includes('?') ? '&' : '?';
    const res = await call(`${path}${cursor ? `${sep}cursor=${encodeURIComponent(cursor)}` : ''}`, { token });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    items.push(...(res.body.items as Body[]));
    cursor = res.body.cursor ?? undefined;
    if (!cursor) return items;
  }
  throw new Error('too many pages');
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cm-audit-'));
  twin = await startTwin({ dir, ports: { api: 0, dynamodb: 0, s3: 0, cognito: 0, ses: 0, smtp: 0 }, scheduler: false, ttlIntervalMs: 0 });
  // Signed in through the API, as the web app does: each sign-in is itself an audited auth event.
  tokens.admin = (await signInViaApi(twin.state.endpoints.api, emails.admin, demoPassword, twin.seeded?.secrets[emails.admin])).accessToken;
  tokens.customer = (await signInViaApi(twin.state.endpoints.api, emails.customer, demoPassword)).accessToken;
  subs.admin = subOf(tokens.admin);
  subs.customer = subOf(tokens.customer);
}, 120_000);

afterAll(async () => {
  await twin?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('audit trail against the twin', () => {
  let requestId = '';
  let oldName = '';
  /** `<day>.<seq>` of the change record of the settings update. */
  let changeId = '';

  it('records a settings change: the request (who, where) and the data change (before/after)', async () => {
    const current = await call('/settings/organisation', { token: tokens.admin });
    expect(current.status).toBe(200);
    oldName = current.body.name;
    const updated = await call('/settings/organisation', {
      method: 'PUT',
      token: tokens.admin,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Audited Repairs', timezone: current.body.timezone, currency: current.body.currency, locale: current.body.locale, version: current.body.version }),
    });
    expect(updated.status).toBe(200);
    requestId = updated.headers.get('x-request-id')!;
    await twin.gateway.feed.drain();

    const byTarget = await call('/audit?targetType=organisation&targetId=main', { token: tokens.admin });
    expect(byTarget.status).toBe(200);
    const change = (byTarget.body.items as Body[]).find((i) => i.requestId === requestId);
    expect(change).toMatchObject({
      kind: 'change',
      action: 'updateOrganisationSettings',
      actor: { kind: 'user', userId: subs.admin, role: 'admin' },
      target: { type: 'organisation', id: 'main' },
      changes: [{ field: 'name', before: oldName, after: 'Audited Repairs' }],
    });
    changeId = change!.id;
    const seeded = (byTarget.body.items as Body[]).find((i) => i.action === 'organisation.created');
    expect(seeded).toMatchObject({ kind: 'change', actor: { kind: 'system' } });

    const byAction = await call('/audit?action=updateOrganisationSettings', { token: tokens.admin });
    const request = (byAction.body.items as Body[]).find((i) => i.kind === 'request' && i.requestId === requestId);
    expect(request).toMatchObject({ outcome: 'success', actor: { userId: subs.admin }, ip: '127.0.0.1', userAgent: 'audit-integ-test', details: { route: 'PUT /settings/organisation', status: 200 } });
    for (const item of byAction.body.items as Body[]) {
      expect(item).not.toHaveProperty('hash');
      expect(item).not.toHaveProperty('prevHash');
      expect(item).not.toHaveProperty('seq');
    }
  });

  it('filters by actor, action and time range, pages with a cursor, and is closed to customers', async () => {
    const mine = await allPages(`/audit?actor=${subs.admin}&limit=1`, tokens.admin);
    expect(mine.length).toBeGreaterThanOrEqual(2);
    expect(mine.every((i) => i.actor.userId === subs.admin)).toBe(true);
    expect(new Set(mine.map((i) => i.id)).size).toBe(mine.length);

    const first = await call('/audit?action=updateOrganisationSettings&limit=1', { token: tokens.admin });
    const second = await call(`/audit?action=updateOrganisationSettings&limit=1&cursor=${encodeURIComponent(first.body.cursor)}`, { token: tokens.admin });
    expect(first.body.items).toHaveLength(1);
    expect(second.body.items).toHaveLength(1);
    expect(second.body.items[0].id).not.toBe(first.body.items[0].id);
    expect(second.body.items[0].at <= first.body.items[0].at).toBe(true);

    const at = first.body.items[0].at as string;
    const inRange = await call(`/audit?action=updateOrganisationSettings&from=${at}&to=${at}`, { token: tokens.admin });
    expect((inRange.body.items as Body[]).map((i) => i.id)).toContain(first.body.items[0].id);
    const before = new Date(Date.parse(at) - 1).toISOString();
    const earlier = await call(`/audit?action=updateOrganisationSettings&to=${before}`, { token: tokens.admin });
    expect((earlier.body.items as Body[]).map((i) => i.id)).not.toContain(first.body.items[0].id);
    const dayWalk = await call(`/audit?from=${at}&to=${at}`, { token: tokens.admin });
    expect((dayWalk.body.items as Body[]).map((i) => i.id)).toContain(first.body.items[0].id);

    expect((await call('/audit', { token: tokens.customer })).body.error.code).toBe('forbidden');
    expect((await call('/audit?cursor=bm90LWEtY3Vyc29y', { token: tokens.admin })).body.error.code).toBe('invalid_cursor');
    expect((await call(`/audit?actor=${subs.admin}&cursor=${encodeURIComponent(first.body.cursor)}`, { token: tokens.admin })).body.error.code).toBe('invalid_cursor');
    expect((await call('/audit?targetType=user', { token: tokens.admin })).body.error.code).toBe('validation_failed');
  });

  it('shows each user only their own activity, with changed field names and no values', async () => {
    const customer = await allPages('/me/activity', tokens.customer);
    const admin = await allPages('/me/activity', tokens.admin);

    // The customer's sign-in (beforeAll) is theirs: an auth event recorded by the identity module.
    expect(customer.find((i) => i.action === 'auth.sign_in')).toMatchObject({ kind: 'auth', outcome: 'success', target: { type: 'user', id: subs.customer } });
    const adminIds = new Set(admin.map((i) => i.id));
    expect(customer.some((i) => adminIds.has(i.id))).toBe(false);
    const asAdminSees = await allPages(`/audit?actor=${subs.customer}`, tokens.admin);
    expect(customer.map((i) => i.id).sort()).toEqual(asAdminSees.map((i) => i.id).sort());
    const change = admin.find((i) => i.kind === 'change' && i.requestId === requestId);
    expect(change).toMatchObject({ action: 'updateOrganisationSettings', changedFields: ['name'] });
    for (const item of admin) {
      expect(item).not.toHaveProperty('changes');
      expect(item).not.toHaveProperty('actor');
    }
  });

  it('verifies the chain, names a record edited by hand in DynamoDB, and the CLI agrees', async () => {
    const { verifyChain, readDay } = await import('./verify.js');
    await twin.gateway.feed.drain();
    const [day, seq] = changeId.split('.') as [string, string];
    const intact = await verifyChain();
    expect(intact).toMatchObject({ ok: true, problems: [] });
    expect(intact.records).toBeGreaterThanOrEqual(4);

    // The unfiltered listing (day walk) pages through exactly the records the chain holds.
    const listed = await allPages(`/audit?limit=3&from=${day}T00:00:00Z&to=${day}T23:59:59.999Z`, tokens.admin);
    expect(listed.length).toBe((await readDay(day)).length);

    const victim = (await readDay(day)).find((r) => r.seq === Number(seq))!;
    expect(victim).toMatchObject({ kind: 'change', requestId });
    const ddb = new DynamoDBClient({ endpoint: twin.state.endpoints.dynamodb, region: twin.state.region });
    const edit = (changes: string) =>
      ddb.send(
        new UpdateItemCommand({
          TableName: twin.state.tableName,
          Key: { pk: { S: `$cm#day_${day}` }, sk: { S: `$auditrecord_1#seq_${String(victim.seq).padStart(10, '0')}` } },
          UpdateExpression: 'SET #c = :c',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeNames: { '#c': 'changes' },
          ExpressionAttributeValues: { ':c': { S: changes } },
        }),
      );
    expect(JSON.parse(victim.changes!)).toEqual([{ field: 'name', before: oldName, after: 'Audited Repairs' }]);
    await edit(JSON.stringify([{ field: 'name', before: oldName, after: 'Nothing Happened Here' }]));

    const broken = await verifyChain();
    expect(broken.ok).toBe(false);
    expect(broken.problems[0]).toMatchObject({ day, seq: victim.seq, reason: 'edited' });

    // The CLI against this twin: a working directory whose .local/twin.json names it.
    const cwd = join(dir, 'cli');
    mkdirSync(join(cwd, '.local'), { recursive: true });
    writeFileSync(join(cwd, '.local', 'twin.json'), readFileSync(join(dir, 'twin.json')));
    // Asynchronous: the twin's servers live in this process and must keep answering.
    const cli = () =>
      new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
        execFile(join(process.cwd(), 'node_modules/.bin/tsx'), [join(process.cwd(), 'infra/scripts/audit-verify.ts')], { cwd, timeout: 60_000 }, (error, stdout, stderr) =>
          resolve({ status: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr }),
        );
      });
    const failed = await cli();
    expect(failed.status, failed.stderr).toBe(1);
    expect(failed.stderr).toContain(`audit record ${day} #${victim.seq} its content no longer matches its hash (edited)`);

    await edit(victim.changes!);
    expect(await verifyChain()).toMatchObject({ ok: true });
    const passed = await cli();
    expect(passed.status, passed.stderr).toBe(0);
    expect(passed.stdout).toMatch(/^audit chain OK: \d+ records in \d+ days/);
  }, 120_000);
});
