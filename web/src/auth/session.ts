import { ApiError, isApiError } from '../api/client';
import type { Tokens } from '../api/schemas';

/** Why the last session ended: the sign-in page tells the user. */
export type EndReason = 'signed_out' | 'session_revoked' | 'account_disabled' | 'expired';

export interface SessionState {
  /** `restoring`: a refresh token from this tab is being exchanged at start-up. */
  status: 'restoring' | 'signed_out' | 'signed_in';
  accessToken?: string;
  /** When the access token expires (epoch ms). */
  expiresAt?: number;
  sessionId?: string;
  /** A staff member without TOTP: the app shows only the 2FA setup page until they enrol. */
  mfaSetupRequired: boolean;
  /** Who is signed in, for display only (from the ID token's claims; never used to authorise). */
  profile?: Profile;
  endReason?: EndReason;
}

export interface Profile {
  email?: string;
  name?: string;
}

/** The display claims of an ID token (a JWT); nothing is verified here, the API verifies every call. */
export function profileFromIdToken(idToken: string | undefined): Profile | undefined {
  const payload = idToken?.split('.')[1];
  if (!payload) return undefined;
  try {
    const base64 = payload.replace(/-/g, '+').replace(/_/g, '/');
    const json = new TextDecoder().decode(Uint8Array.from(atob(base64), (c) => c.charCodeAt(0)));
    const claims = JSON.parse(json) as Record<string, unknown>;
    const profile: Profile = {};
    if (typeof claims.email === 'string') profile.email = claims.email;
    if (typeof claims.name === 'string') profile.name = claims.name;
    return profile.email || profile.name ? profile : undefined;
  } catch {
    return undefined;
  }
}

/** What survives a reload of this tab (sessionStorage): never the access token. */
interface Persisted {
  refreshToken: string;
  sessionId: string;
  mfaSetupRequired: boolean;
  profile?: Profile;
}

type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export interface Timers {
  set(callback: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

export interface SessionStoreOptions {
  /** POST /auth/refresh. Rejects with an ApiError when the session is gone. */
  refresh: (refreshToken: string, sessionId: string) => Promise<Tokens>;
  /** Defaults to window.sessionStorage (absent: nothing survives a reload). */
  storage?: KeyValueStorage;
  now?: () => number;
  timers?: Timers;
  /** Refresh this long before the access token expires (at most half its lifetime). */
  refreshMarginMs?: number;
  /** After a refresh failed for a transient reason (network, 5xx), try again after this long. */
  retryDelayMs?: number;
}

export const STORAGE_KEY = 'cloudmanager.session';

const endCodes: readonly string[] = ['session_revoked', 'account_disabled'];

function defaultStorage(): KeyValueStorage | undefined {
  try {
    return globalThis.sessionStorage;
  } catch {
    return undefined;
  }
}

const defaultTimers: Timers = {
  set: (callback, ms) => setTimeout(callback, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** A refresh answer that means "this session is over", as opposed to "try again later". */
function isFinal(error: unknown): error is ApiError {
  return isApiError(error) && error.status >= 400 && error.status < 500;
}

/**
 * The signed-in session of this tab. The access token lives in memory only; the refresh token and
 * session id live in sessionStorage so a reload keeps the user signed in (and closing the tab does
 * not). The access token is refreshed shortly before it expires, once at a time however many calls
 * want it. React reads it through `subscribe`/`getState` (useSyncExternalStore).
 */
export class SessionStore {
  private state: SessionState;
  private readonly listeners = new Set<() => void>();
  private readonly storage: KeyValueStorage | undefined;
  private readonly now: () => number;
  private readonly timers: Timers;
  private readonly refreshMarginMs: number;
  private readonly retryDelayMs: number;
  private refreshToken: string | undefined;
  private timer: unknown;
  private inflight: Promise<string | undefined> | undefined;
  private lifetimeMs: number | undefined;

  constructor(private readonly options: SessionStoreOptions) {
    this.storage = 'storage' in options ? options.storage : defaultStorage();
    this.now = options.now ?? Date.now;
    this.timers = options.timers ?? defaultTimers;
    this.refreshMarginMs = options.refreshMarginMs ?? 60_000;
    this.retryDelayMs = options.retryDelayMs ?? 15_000;
    const saved = this.read();
    this.refreshToken = saved?.refreshToken;
    this.state = saved
      ? { status: 'restoring', sessionId: saved.sessionId, mfaSetupRequired: saved.mfaSetupRequired, ...(saved.profile ? { profile: saved.profile } : {}) }
      : { status: 'signed_out', mfaSetupRequired: false };
  }

  getState = (): SessionState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** A successful sign-in (or the TOTP-setup-only session of staff without 2FA). */
  start(tokens: Tokens, sessionId: string, { mfaSetupRequired = false } = {}): void {
    if (!tokens.refreshToken) throw new Error('A new session needs a refresh token');
    this.refreshToken = tokens.refreshToken;
    const profile = profileFromIdToken(tokens.idToken);
    this.write({ refreshToken: tokens.refreshToken, sessionId, mfaSetupRequired, ...(profile ? { profile } : {}) });
    this.apply(tokens, { sessionId, mfaSetupRequired });
  }

  /** At start-up: exchange the refresh token kept by this tab, if any, for a fresh access token. */
  async restore(): Promise<void> {
    if (this.state.status !== 'restoring') return;
    await this.getAccessToken();
  }

  /**
   * The access token to send, refreshed first when it expires within the margin. Undefined when
   * signed out (or when a transient failure left no valid token).
   */
  async getAccessToken(): Promise<string | undefined> {
    const { status, accessToken, expiresAt } = this.state;
    if (status === 'signed_out') return undefined;
    if (status === 'signed_in' && accessToken && expiresAt !== undefined && expiresAt - this.now() > this.margin()) {
      return accessToken;
    }
    return this.refresh();
  }

  /** Exchanges the refresh token now; concurrent callers share one request. */
  refresh(): Promise<string | undefined> {
    this.inflight ??= this.doRefresh().finally(() => {
      this.inflight = undefined;
    });
    return this.inflight;
  }

  /**
   * The API client's hook for a 401/403 on an authenticated call: a revoked session or disabled
   * account ends the session (with the reason), an expired token is refreshed and the call
   * retried once, and `mfa_setup_required` sends a staff member to the 2FA setup page.
   */
  async handleAuthError(error: ApiError): Promise<'retry' | 'fail'> {
    if (error.status === 403 && error.code === 'mfa_setup_required') {
      this.requireMfaSetup();
      return 'fail';
    }
    if (error.status !== 401 || this.state.status === 'signed_out') return 'fail';
    if (endCodes.includes(error.code)) {
      this.end(error.code as EndReason);
      return 'fail';
    }
    const token = await this.refresh();
    return token ? 'retry' : 'fail';
  }

  requireMfaSetup(): void {
    this.setMfaSetupRequired(true);
  }

  /** TOTP is now enrolled: the whole app opens up. */
  mfaEnrolled(): void {
    this.setMfaSetupRequired(false);
  }

  /** Forgets the session locally (the caller has told the API, or the API said it is over). */
  end(reason: EndReason = 'signed_out'): void {
    this.timers.clear(this.timer);
    this.timer = undefined;
    this.refreshToken = undefined;
    this.remove();
    this.set({ status: 'signed_out', mfaSetupRequired: false, endReason: reason });
  }

  /** The sign-in page has shown why the last session ended. */
  clearEndReason(): void {
    if (this.state.endReason) this.set({ ...this.state, endReason: undefined });
  }

  private async doRefresh(): Promise<string | undefined> {
    const refreshToken = this.refreshToken;
    const sessionId = this.state.sessionId;
    if (!refreshToken || !sessionId) {
      if (this.state.status !== 'signed_out') this.end('expired');
      return undefined;
    }
    try {
      const tokens = await this.options.refresh(refreshToken, sessionId);
      // A sign-out or another sign-in while the call was under way wins.
      if (this.refreshToken !== refreshToken) return this.state.accessToken;
      if (tokens.refreshToken && tokens.refreshToken !== refreshToken) {
        this.refreshToken = tokens.refreshToken;
        const saved = this.read();
        this.write({ ...saved, refreshToken: tokens.refreshToken, sessionId, mfaSetupRequired: this.state.mfaSetupRequired });
      }
      this.apply(tokens, { sessionId, mfaSetupRequired: this.state.mfaSetupRequired });
      return tokens.accessToken;
    } catch (error) {
      if (this.refreshToken !== refreshToken) return this.state.accessToken;
      if (isFinal(error)) {
        this.end(endCodes.includes(error.code) ? (error.code as EndReason) : 'expired');
        return undefined;
      }
      // Transient: keep the session; use the current token while it lasts and try again soon.
      const { accessToken, expiresAt } = this.state;
      const stillValid = accessToken && expiresAt !== undefined && expiresAt > this.now();
      if (this.state.status === 'restoring') this.set({ status: 'signed_out', mfaSetupRequired: false });
      else this.schedule(this.retryDelayMs);
      return stillValid ? accessToken : undefined;
    }
  }

  private apply(tokens: Tokens, { sessionId, mfaSetupRequired }: { sessionId: string; mfaSetupRequired: boolean }): void {
    this.lifetimeMs = tokens.expiresIn * 1000;
    const profile = profileFromIdToken(tokens.idToken) ?? this.read()?.profile ?? this.state.profile;
    this.set({
      status: 'signed_in',
      accessToken: tokens.accessToken,
      expiresAt: this.now() + this.lifetimeMs,
      sessionId,
      mfaSetupRequired,
      ...(profile ? { profile } : {}),
    });
    this.schedule(this.lifetimeMs - this.margin());
  }

  /** The refresh margin, at most half the token's lifetime (short-lived tokens still get used). */
  private margin(): number {
    return this.lifetimeMs === undefined ? this.refreshMarginMs : Math.min(this.refreshMarginMs, this.lifetimeMs / 2);
  }

  private schedule(ms: number): void {
    this.timers.clear(this.timer);
    this.timer = this.timers.set(() => {
      this.timer = undefined;
      void this.refresh();
    }, ms);
  }

  private setMfaSetupRequired(required: boolean): void {
    if (this.state.status === 'signed_out' || this.state.mfaSetupRequired === required) return;
    const saved = this.read();
    if (saved) this.write({ ...saved, mfaSetupRequired: required });
    this.set({ ...this.state, mfaSetupRequired: required });
  }

  private set(next: SessionState): void {
    this.state = next;
    for (const listener of [...this.listeners]) listener();
  }

  private read(): Persisted | undefined {
    try {
      const raw = this.storage?.getItem(STORAGE_KEY);
      if (!raw) return undefined;
      const value = JSON.parse(raw) as Partial<Persisted>;
      if (typeof value.refreshToken !== 'string' || typeof value.sessionId !== 'string') return undefined;
      const profile = value.profile && typeof value.profile === 'object' ? value.profile : undefined;
      return {
        refreshToken: value.refreshToken,
        sessionId: value.sessionId,
        mfaSetupRequired: value.mfaSetupRequired === true,
        ...(profile ? { profile } : {}),
      };
    } catch {
      return undefined;
    }
  }

  private write(value: Persisted): void {
    try {
      this.storage?.setItem(STORAGE_KEY, JSON.stringify(value));
    } catch {
      // Storage disabled: the session lasts until the page is reloaded.
    }
  }

  private remove(): void {
    try {
      this.storage?.removeItem(STORAGE_KEY);
    } catch {
      // Nothing to remove.
    }
  }
}
