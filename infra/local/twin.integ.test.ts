import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTransport } from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cognitoClient } from './cognito-setup.js';
import { signIn, signInViaApi } from './auth.js';
import { demoPassword } from './seed.js';
import { startTwin, type Twin } from './twin.js';

let twin: Twin;
let dir: string;
const tokens: Record<string, string> = {};

async function call(path: string, init: RequestInit & { token?: string } = {}) {
  const headers = new Headers(init.headers);
  if (init.token) headers.set('authorization', `Bearer ${init.token}`);
  const res = await fetch(`${twin.state.endpoints.api}${path}`, { ...init, headers });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? (JSON.parse(text) as Record<string, any>) : undefined };
}

async function until<T>(probe: () => Promise<T | undefined>, attempts = 50): Promise<T> {
  for (let i = 0; i < attempts; i++) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('condition not reached');
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cm-twin-'));
  twin = await startTwin({ dir, ports: { api: 0, dynamodb: 0, s3: 0, cognito: 0, ses: 0, smtp: 0 }, scheduler: false, ttlIntervalMs: 0 });
  // Through the API (password, then TOTP for staff), as the web app does: the tokens are registered sessions.
  for (const email of ['admin@cloudmanager.example', 'customer@cloudmanager.example', 'agent@cloudmanager.example']) {
    tokens[email] = (await signInViaApi(twin.state.endpoints.api, email, demoPassword, twin.seeded?.secrets[email])).accessToken;
  }
}, 120_000);

afterAll(async () => {
  await twin?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('local twin', () => {
  it('serves /health and the OpenAPI document', async () => {
    const health = await call('/health');
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({ status: 'ok', stage: 'local' });
    const doc = await call('/openapi.json');
    expect(doc.body?.openapi).toBe('3.1.0');
    expect(Object.keys(doc.body?.paths ?? {})).toEqual(expect.arrayContaining(['/health', '/me', '/settings/organisation']));
  });

  it('seeds TOTP for staff: their sign-in is challenged, customers are not', async () => {
    expect(Object.keys(twin.seeded?.secrets ?? {}).sort()).toEqual([
      'admin@cloudmanager.example',
      'agent@cloudmanager.example',
      'manager@cloudmanager.example',
      'technician@cloudmanager.example',
    ]);
    const cognito = cognitoClient(twin.state.endpoints.cognito);
    await expect(signIn(cognito, twin.state.cognito.clientId, 'agent@cloudmanager.example', demoPassword)).rejects.toThrow(/TOTP/);
  });

  it('verifies cognito-local tokens: /me answers role and permissions per group', async () => {
    const admin = await call('/me', { token: tokens['admin@cloudmanager.example'] });
    expect(admin.status).toBe(200);
    expect(admin.body).toMatchObject({ role: 'admin', isStaff: true });
    expect(admin.body?.permissions).toContain('settings:update');
    const customer = await call('/me', { token: tokens['customer@cloudmanager.example'] });
    expect(customer.body).toMatchObject({ role: 'customer', isStaff: false });
    expect(customer.body?.permissions).not.toContain('settings:update');
  });

  it('answers bad input with stable codes and writes nothing for any rejected request', async () => {
    const admin = tokens['admin@cloudmanager.example'];
    const before = twin.gateway.feed.records().length;
    const json = { 'content-type': 'application/json' };
    const valid = { name: 'Acme', timezone: 'Europe/Kyiv', currency: 'UAH', locale: 'uk', version: 1 };
    const rejected = [
      { res: await call('/nope'), status: 404, code: 'not_found' },
      { res: await call('/health', { method: 'DELETE' }), status: 405, code: 'method_not_allowed' },
      { res: await call('/settings/organisation', { method: 'PUT', token: admin, headers: json, body: '{"name":' }), status: 400, code: 'invalid_json' },
      { res: await call('/settings/organisation', { method: 'PUT', token: admin, headers: json, body: JSON.stringify({ ...valid, timezone: 'Mars/Olympus' }) }), status: 400, code: 'validation_failed' },
      { res: await call('/settings/organisation', { method: 'PUT', token: admin, headers: json, body: JSON.stringify({ ...valid, name: 'x'.repeat(1_100_000) }) }), status: 413, code: 'payload_too_large' },
      { res: await call('/settings/organisation', { method: 'PUT', headers: json, body: JSON.stringify(valid) }), status: 401, code: 'unauthorized' },
      { res: await call('/settings/organisation', { method: 'PUT', token: 'not.a.jwt', headers: json, body: JSON.stringify(valid) }), status: 401, code: 'unauthorized' },
      { res: await call('/settings/organisation', { method: 'PUT', token: tokens['customer@cloudmanager.example'], headers: json, body: JSON.stringify(valid) }), status: 403, code: 'forbidden' },
      { res: await call('/settings/organisation', { method: 'PUT', token: admin, headers: json, body: JSON.stringify({ ...valid, version: 99 }) }), status: 409, code: 'version_conflict' },
    ];
    for (const { res, status, code } of rejected) {
      expect({ status: res.status, code: res.body?.error?.code }).toEqual({ status, code });
    }
    expect(rejected[3]!.res.body?.error?.details).toEqual([expect.objectContaining({ path: 'body.timezone' })]);
    expect(twin.gateway.feed.records().length).toBe(before);
  });

  it('updates settings with optimistic locking and feeds the change stream', async () => {
    const admin = tokens['admin@cloudmanager.example'];
    const current = await call('/settings/organisation', { token: admin });
    expect(current.status).toBe(200);
    const updated = await call('/settings/organisation', {
      method: 'PUT',
      token: admin,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Tashkent Repairs', timezone: 'Asia/Tashkent', currency: 'UZS', locale: 'uz', version: current.body?.version }),
    });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ name: 'Tashkent Repairs', version: (current.body?.version as number) + 1 });
    // The audit trail appends after the change (shared/audit): pick the organisation's own record.
    const last = twin.gateway.feed.records().filter((r) => r.dynamodb?.NewImage?.__edb_e__?.S === 'organisation').at(-1);
    expect(last?.eventName).toBe('MODIFY');
    expect(last?.dynamodb?.OldImage?.name).toEqual({ S: current.body?.name });
    expect(last?.dynamodb?.NewImage?.name).toEqual({ S: 'Tashkent Repairs' });
  });

  it('turns received SMTP mail into an S3 object, an inbound record and a ticket, once', async () => {
    const transport = createTransport({ host: '127.0.0.1', port: twin.state.smtpPort, ignoreTLS: true });
    const info = await transport.sendMail({ from: 'Zed <zed@customer.example>', to: 'support@cloudmanager.example', subject: 'Printer on fire', text: 'Help!' });
    const queued = /queued as (\w+)/.exec(info.response)?.[1];
    expect(queued).toBeTruthy();
    const { db } = await import('../../shared/db/service.js');
    const item = await until(async () => {
      const { data } = await db.entities.inboundMessage.get({ messageId: queued! }).go();
      return data && !['received', 'processing'].includes(data.status) ? data : undefined;
    });
    expect(item).toMatchObject({ from: 'zed@customer.example', subject: 'Printer on fire', status: 'processed', key: `inbound/${queued}` });
    expect(item.ticketId).toBeTruthy();
    const { claimInboundMail } = await import('../../shared/mail/inbound.js');
    const now = new Date().toISOString();
    const redelivered = await claimInboundMail(
      {
        ses: {
          mail: { messageId: queued!, timestamp: new Date().toISOString(), source: 'zed@customer.example', destination: ['support@cloudmanager.example'] },
          receipt: { recipients: ['support@cloudmanager.example'] },
        },
      },
      0,
      { release: false, now, leaseStart: now },
    );
    expect(redelivered).toBeUndefined();
  });

  it('keeps entity counters from the change stream', async () => {
    await twin.gateway.feed.drain();
    const { readCounters } = await import('../../shared/streams/counters.js');
    const counters = await readCounters('entities');
    expect(counters).toMatchObject({ organisation: 1, inboundMessage: 1 });
  });

  it('runs a schedule once per scheduled time', async () => {
    const { invokeEntry } = await import('./lambda.js');
    const payload = { schedule: 'heartbeat', scheduledTime: '2026-01-01T10:00:00Z', executionId: 'x-1', staleAfterMinutes: 15 };
    expect(await invokeEntry('functions/schedules/heartbeat.ts', payload)).toMatchObject({ status: 'succeeded' });
    expect(await invokeEntry('functions/schedules/heartbeat.ts', { ...payload, executionId: 'x-2' })).toEqual({ status: 'skipped', reason: 'already_ran' });
  });
});
