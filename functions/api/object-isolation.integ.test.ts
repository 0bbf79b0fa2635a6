import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInViaApi, type ApiSession } from '../../infra/local/auth.js';
import { demoPassword } from '../../infra/local/seed.js';
import { startTwin, type Twin } from '../../infra/local/twin.js';

/**
 * A customer holding another customer's ids gets 404 on every object route it can reach.
 * Every such route must have an integration test titled `isolation: <METHOD> <path> ...` (here or
 * beside its domain): a new route fails the suite until one exists.
 */
function coveredRoutes(): string[] {
  const files = ['functions', 'shared'].flatMap((dir) =>
    readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.integ.test.ts'))
      .map((f) => join(dir, f)),
  );
  const found = new Set<string>();
  for (const file of files) {
    for (const m of readFileSync(file, 'utf8').matchAll(/isolation: (GET|POST|PUT|PATCH|DELETE) (\/[^\s'"`]+)/g)) found.add(`${m[1]} ${m[2]}`);
  }
  return [...found].sort();
}

let twin: Twin;
let dir: string;
let alice: ApiSession;
let bob: ApiSession;

async function call(method: string, path: string, token: string) {
  const res = await fetch(`${twin.state.endpoints.api}${path}`, { method, headers: { authorization: `Bearer ${token}` } });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as Record<string, any>) : undefined };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cm-isolation-'));
  twin = await startTwin({ dir, ports: { api: 0, dynamodb: 0, s3: 0, cognito: 0, ses: 0, smtp: 0 }, scheduler: false, ttlIntervalMs: 0 });
  alice = await signInViaApi(twin.state.endpoints.api, 'customer@cloudmanager.example', demoPassword);
  bob = await signInViaApi(twin.state.endpoints.api, 'customer2@cloudmanager.example', demoPassword);
}, 120_000);

afterAll(async () => {
  await twin?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('object isolation between customers', () => {
  it('covers every object route a customer may call', async () => {
    // Imported after the twin set the environment the handlers read at load.
    const { allRoutes } = await import('./routes.js');
    const { routeKey } = await import('../../shared/http/route.js');
    const reachable = allRoutes
      .filter((r) => r.path.includes('{') && (r.roles === 'everyone' || r.roles.includes('customer')))
      .map(routeKey)
      .sort();
    const covered = coveredRoutes();
    expect(reachable.filter((r) => !covered.includes(r)), 'customer-reachable object routes without an isolation test').toEqual([]);
  });

  it("isolation: DELETE /auth/sessions/{sessionId} — another customer's session is not found, and stays alive", async () => {
    const mine = await call('GET', '/auth/sessions', alice.accessToken);
    const sessionId = (mine.body?.items as { sessionId: string; current: boolean }[]).find((s) => s.current)!.sessionId;

    const foreign = await call('DELETE', `/auth/sessions/${sessionId}`, bob.accessToken);

    expect({ status: foreign.status, code: foreign.body?.error?.code }).toEqual({ status: 404, code: 'not_found' });
    expect((await call('GET', '/me', alice.accessToken)).status).toBe(200);
  });
});
