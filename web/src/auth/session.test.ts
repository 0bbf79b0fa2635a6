import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api/client';
import { createApi } from '../api/context';
import type { Tokens } from '../api/schemas';
import { SessionStore, STORAGE_KEY, type SessionStoreOptions, type Timers } from './session';

/** An in-memory sessionStorage. */
function memoryStorage(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial));
  return {
    getItem: (k: string) => data.get(k) ?? null,
    setItem: (k: string, v: string) => void data.set(k, v),
    removeItem: (k: string) => void data.delete(k),
    data,
  };
}

/** Timers the test fires by hand; records every delay asked for. */
function manualTimers() {
  let next = 1;
  const pending = new Map<number, { callback: () => void; ms: number }>();
  const timers: Timers & { delays: number[]; fire: () => void; pending: typeof pending } = {
    delays: [],
    pending,
    set(callback, ms) {
      const id = next++;
      pending.set(id, { callback, ms });
      timers.delays.push(ms);
      return id;
    },
    clear(handle) {
      pending.delete(handle as number);
    },
    fire() {
      const entries = [...pending];
      pending.clear();
      for (const [, { callback }] of entries) callback();
    },
  };
  return timers;
}

const tokens = (accessToken: string, extra: Partial<Tokens> = {}): Tokens => ({ accessToken, expiresIn: 3600, ...extra });

function setup(overrides: Partial<SessionStoreOptions> = {}, stored?: Record<string, string>) {
  let now = 1_000_000;
  const storage = memoryStorage(stored);
  const timers = manualTimers();
  const refresh = vi.fn<SessionStoreOptions['refresh']>(async () => tokens('access-2'));
  const store = new SessionStore({ refresh, storage, timers, now: () => now, refreshMarginMs: 60_000, retryDelayMs: 15_000, ...overrides });
  return { store, storage, timers, refresh, advance: (ms: number) => (now += ms) };
}

const saved = (value: object) => ({ [STORAGE_KEY]: JSON.stringify(value) });

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('SessionStore', () => {
  it('starts signed out when this tab kept no session', () => {
    const { store } = setup();
    expect(store.getState()).toEqual({ status: 'signed_out', mfaSetupRequired: false });
  });

  it('keeps the access token in memory and only the refresh token and session id in sessionStorage', async () => {
    // Prepare
    const { store, storage, refresh } = setup();

    // Act
    store.start(tokens('access-1', { refreshToken: 'refresh-1', idToken: 'id-1' }), 'session-1');

    // Assess
    expect(store.getState()).toMatchObject({ status: 'signed_in', accessToken: 'access-1', sessionId: 'session-1', mfaSetupRequired: false });
    expect(JSON.parse(storage.data.get(STORAGE_KEY)!)).toEqual({ refreshToken: 'refresh-1', sessionId: 'session-1', mfaSetupRequired: false });
    expect(storage.data.get(STORAGE_KEY)).not.toContain('access-1');
    expect(await store.getAccessToken()).toBe('access-1');
    expect(refresh).not.toHaveBeenCalled();
  });

  it('keeps the display profile (email, name) from the ID token, across a reload', async () => {
    const claims = Buffer.from(JSON.stringify({ sub: 'u1', email: 'ann@example.com', name: 'Ann' })).toString('base64url');
    const { store, storage } = setup();
    store.start(tokens('access-1', { refreshToken: 'refresh-1', idToken: `h.${claims}.s` }), 'session-1');
    expect(store.getState().profile).toEqual({ email: 'ann@example.com', name: 'Ann' });

    const reloaded = new SessionStore({ refresh: async () => tokens('access-2'), storage, timers: manualTimers() });
    expect(reloaded.getState().profile).toEqual({ email: 'ann@example.com', name: 'Ann' });
    await reloaded.restore();
    expect(reloaded.getState()).toMatchObject({ status: 'signed_in', profile: { email: 'ann@example.com', name: 'Ann' } });
  });

  it('refreshes a minute before the access token expires, keeping the refresh token when none comes back', async () => {
    const { store, storage, timers, refresh } = setup();
    store.start(tokens('access-1', { refreshToken: 'refresh-1' }), 'session-1');
    expect(timers.delays).toEqual([3_540_000]);

    timers.fire();
    await vi.waitFor(() => expect(store.getState().accessToken).toBe('access-2'));

    expect(refresh).toHaveBeenCalledWith('refresh-1', 'session-1');
    expect(JSON.parse(storage.data.get(STORAGE_KEY)!).refreshToken).toBe('refresh-1');
    expect(timers.delays.at(-1)).toBe(3_540_000);
  });

  it('stores a rotated refresh token', async () => {
    const { store, storage, refresh } = setup();
    refresh.mockResolvedValueOnce(tokens('access-2', { refreshToken: 'refresh-2' }));
    store.start(tokens('access-1', { refreshToken: 'refresh-1' }), 'session-1');

    await store.refresh();

    expect(JSON.parse(storage.data.get(STORAGE_KEY)!).refreshToken).toBe('refresh-2');
    await store.refresh();
    expect(refresh).toHaveBeenLastCalledWith('refresh-2', 'session-1');
  });

  it('uses at most half the lifetime as margin for short-lived tokens', () => {
    const { store, timers } = setup();
    store.start(tokens('access-1', { refreshToken: 'refresh-1', expiresIn: 60 }), 'session-1');
    expect(timers.delays).toEqual([30_000]);
  });

  it('refreshes before handing out a token that is about to expire, once for concurrent callers', async () => {
    const { store, refresh, advance } = setup();
    let resolve!: (t: Tokens) => void;
    refresh.mockImplementationOnce(() => new Promise((r) => (resolve = r)));
    store.start(tokens('access-1', { refreshToken: 'refresh-1' }), 'session-1');
    advance(3_550_000); // 50 s left, inside the 60 s margin

    const calls = [store.getAccessToken(), store.getAccessToken(), store.getAccessToken()];
    resolve(tokens('access-2'));

    expect(await Promise.all(calls)).toEqual(['access-2', 'access-2', 'access-2']);
    expect(refresh).toHaveBeenCalledOnce();
  });

  it('restores the session of this tab after a reload', async () => {
    const { store, refresh } = setup({}, saved({ refreshToken: 'refresh-1', sessionId: 'session-1', mfaSetupRequired: false }));
    expect(store.getState().status).toBe('restoring');

    await store.restore();

    expect(refresh).toHaveBeenCalledWith('refresh-1', 'session-1');
    expect(store.getState()).toMatchObject({ status: 'signed_in', accessToken: 'access-2', sessionId: 'session-1' });
  });

  it('restores the "2FA setup required" state too', async () => {
    const { store } = setup({}, saved({ refreshToken: 'refresh-1', sessionId: 'session-1', mfaSetupRequired: true }));
    await store.restore();
    expect(store.getState()).toMatchObject({ status: 'signed_in', mfaSetupRequired: true });
  });

  it('ends the session with the reason when the refresh is refused (revoked session)', async () => {
    const { store, storage, refresh, timers } = setup();
    refresh.mockRejectedValueOnce(new ApiError(401, 'session_revoked', 'Session revoked'));
    store.start(tokens('access-1', { refreshToken: 'refresh-1' }), 'session-1');

    expect(await store.refresh()).toBeUndefined();

    expect(store.getState()).toEqual({ status: 'signed_out', mfaSetupRequired: false, endReason: 'session_revoked' });
    expect(storage.data.has(STORAGE_KEY)).toBe(false);
    expect(timers.pending.size).toBe(0);
    expect(await store.getAccessToken()).toBeUndefined();
  });

  it('ends an unrestorable session as expired', async () => {
    const { store, refresh, storage } = setup({}, saved({ refreshToken: 'old', sessionId: 'session-1' }));
    refresh.mockRejectedValueOnce(new ApiError(400, 'invalid_credentials', 'Refresh token expired'));

    await store.restore();

    expect(store.getState()).toMatchObject({ status: 'signed_out', endReason: 'expired' });
    expect(storage.data.has(STORAGE_KEY)).toBe(false);
  });

  it('keeps the session through a transient refresh failure and tries again later', async () => {
    const { store, refresh, timers } = setup();
    store.start(tokens('access-1', { refreshToken: 'refresh-1' }), 'session-1');
    refresh.mockRejectedValueOnce(new ApiError(0, 'network_error', 'Failed to fetch'));

    expect(await store.refresh()).toBe('access-1');

    expect(store.getState()).toMatchObject({ status: 'signed_in', accessToken: 'access-1' });
    expect(timers.delays.at(-1)).toBe(15_000);
    timers.fire();
    await vi.waitFor(() => expect(store.getState().accessToken).toBe('access-2'));
  });

  it('signing out forgets everything and stops refreshing', () => {
    const { store, storage, timers } = setup();
    store.start(tokens('access-1', { refreshToken: 'refresh-1' }), 'session-1');
    const seen: string[] = [];
    store.subscribe(() => seen.push(store.getState().status));

    store.end();

    expect(seen).toEqual(['signed_out']);
    expect(store.getState()).toEqual({ status: 'signed_out', mfaSetupRequired: false, endReason: 'signed_out' });
    expect(storage.data.size).toBe(0);
    expect(timers.pending.size).toBe(0);
    store.clearEndReason();
    expect(store.getState().endReason).toBeUndefined();
  });

  it('a sign-out while a refresh is under way wins', async () => {
    const { store, refresh } = setup();
    let resolve!: (t: Tokens) => void;
    refresh.mockImplementationOnce(() => new Promise((r) => (resolve = r)));
    store.start(tokens('access-1', { refreshToken: 'refresh-1' }), 'session-1');

    const pending = store.refresh();
    store.end();
    resolve(tokens('access-2'));
    await pending;

    expect(store.getState().status).toBe('signed_out');
  });

  describe('handleAuthError (the API client hook)', () => {
    it('ends the session on 401 account_disabled and session_revoked', async () => {
      for (const code of ['account_disabled', 'session_revoked'] as const) {
        const { store } = setup();
        store.start(tokens('access-1', { refreshToken: 'refresh-1' }), 'session-1');
        expect(await store.handleAuthError(new ApiError(401, code, 'no'))).toBe('fail');
        expect(store.getState()).toMatchObject({ status: 'signed_out', endReason: code });
      }
    });

    it('refreshes and retries once on any other 401 (an expired token)', async () => {
      const { store, refresh } = setup();
      store.start(tokens('access-1', { refreshToken: 'refresh-1' }), 'session-1');
      expect(await store.handleAuthError(new ApiError(401, 'unauthorized', 'expired'))).toBe('retry');
      expect(refresh).toHaveBeenCalledOnce();
      expect(store.getState().accessToken).toBe('access-2');
    });

    it('sends staff without TOTP to the setup page on 403 mfa_setup_required, and remembers it', async () => {
      const { store, storage } = setup();
      store.start(tokens('access-1', { refreshToken: 'refresh-1' }), 'session-1');
      expect(await store.handleAuthError(new ApiError(403, 'mfa_setup_required', 'enrol'))).toBe('fail');
      expect(store.getState().mfaSetupRequired).toBe(true);
      expect(JSON.parse(storage.data.get(STORAGE_KEY)!).mfaSetupRequired).toBe(true);

      store.mfaEnrolled();
      expect(store.getState().mfaSetupRequired).toBe(false);
      expect(JSON.parse(storage.data.get(STORAGE_KEY)!).mfaSetupRequired).toBe(false);
    });

    it('lets a plain 403 through', async () => {
      const { store } = setup();
      store.start(tokens('access-1', { refreshToken: 'refresh-1' }), 'session-1');
      expect(await store.handleAuthError(new ApiError(403, 'forbidden', 'no'))).toBe('fail');
      expect(store.getState().status).toBe('signed_in');
    });
  });
});

describe('API client + session (mocked fetch)', () => {
  const json = (status: number, body: unknown) =>
    new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  const me = { userId: 'u1', username: 'ann@example.com', role: 'customer', groups: ['customer'], isStaff: false, permissions: ['tickets:read'] };

  function stubSessionStorage() {
    const storage = memoryStorage();
    vi.stubGlobal('sessionStorage', storage);
    return storage;
  }

  it('attaches the bearer token; an expired token is refreshed and the call retried once', async () => {
    stubSessionStorage();
    const seen: { url: string; auth: string | undefined; body?: string }[] = [];
    const fetchMock = vi.fn<typeof fetch>(async (input, init) => {
      const url = String(input);
      const auth = (init?.headers as Record<string, string>).authorization;
      seen.push({ url, auth, ...(init?.body ? { body: String(init.body) } : {}) });
      if (url.endsWith('/auth/refresh')) return json(200, { tokens: { accessToken: 'fresh', expiresIn: 3600 } });
      if (auth === 'Bearer stale') return json(401, { error: { code: 'unauthorized', message: 'Token expired' } });
      return json(200, me);
    });
    const { api, session } = createApi({ apiUrl: 'http://api.test' }, fetchMock);
    session.start({ accessToken: 'stale', refreshToken: 'r1', expiresIn: 3600 }, 's1');

    const { me: meSchema } = await import('../api/schemas');
    const result = await api.get('/me', meSchema);

    expect(result).toEqual(me);
    expect(seen.map((s) => `${s.url} ${s.auth ?? '-'}`)).toEqual([
      'http://api.test/me Bearer stale',
      'http://api.test/auth/refresh -',
      'http://api.test/me Bearer fresh',
    ]);
    expect(JSON.parse(seen[1]!.body!)).toEqual({ refreshToken: 'r1', sessionId: 's1' });
    session.end();
  });

  it('a revoked session on any call signs the user out with the reason', async () => {
    stubSessionStorage();
    const fetchMock = vi.fn<typeof fetch>(async () => json(401, { error: { code: 'session_revoked', message: 'Revoked' } }));
    const { api, session } = createApi({ apiUrl: 'http://api.test' }, fetchMock);
    session.start({ accessToken: 'a1', refreshToken: 'r1', expiresIn: 3600 }, 's1');

    const { me: meSchema } = await import('../api/schemas');
    await expect(api.get('/me', meSchema)).rejects.toMatchObject({ status: 401, code: 'session_revoked' });

    expect(fetchMock).toHaveBeenCalledOnce();
    expect(session.getState()).toMatchObject({ status: 'signed_out', endReason: 'session_revoked' });
  });

  it('public calls (sign-in) carry no token', async () => {
    stubSessionStorage();
    const fetchMock = vi.fn<typeof fetch>(async () => json(200, { status: 'mfa_required', challenge: 'c1' }));
    const { api, session } = createApi({ apiUrl: 'http://api.test' }, fetchMock);
    session.start({ accessToken: 'a1', refreshToken: 'r1', expiresIn: 3600 }, 's1');
    const { identityApi } = await import('../api/identity');

    const result = await identityApi(api).signIn({ email: 'ann@example.com', password: 'x' });

    expect(result).toEqual({ status: 'mfa_required', challenge: 'c1' });
    expect((fetchMock.mock.calls[0]![1]?.headers as Record<string, string>).authorization).toBeUndefined();
    session.end();
  });
});
