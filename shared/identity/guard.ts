import { SignInGuard } from '../db/entities/sign-in-guard.js';
import { isConditionalCheckFailed } from '../db/errors.js';

/** 5 failed passwords or codes for one address within 15 minutes lock its sign-in for 15 minutes. */
export const maxFailures = 5;
export const failureWindowMs = 15 * 60 * 1000;
export const lockMs = 15 * 60 * 1000;

export interface GuardState {
  /** Seconds until sign-in is allowed again; 0 when not locked. */
  lockedForSeconds: number;
  /** A guard item exists (so a success has something to clear). */
  exists: boolean;
}

const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

export async function readGuard(email: string, now = Date.now()): Promise<GuardState> {
  const { data } = await SignInGuard.get({ email }).go({ consistent: true });
  if (!data) return { lockedForSeconds: 0, exists: false };
  return { lockedForSeconds: data.lockedUntil && data.lockedUntil > now ? seconds(data.lockedUntil - now) : 0, exists: true };
}

/**
 * Counts one failure for the address; returns the lock (in seconds) when this failure reached the
 * limit. A window older than 15 minutes, or an expired lock, starts a new count.
 */
export async function countFailure(email: string, now = Date.now()): Promise<{ lockedForSeconds: number }> {
  const cutoff = now - failureWindowMs;
  const expiresAt = Math.floor((now + failureWindowMs + lockMs) / 1000);
  for (let attempt = 0; attempt < 4; attempt++) {
    try {
      const { data } = await SignInGuard.patch({ email })
        .add({ failures: 1 })
        .set({ expiresAt })
        .where(({ windowStartedAt, lockedUntil }, { gte, notExists }) => `${gte(windowStartedAt, cutoff)} AND ${notExists(lockedUntil)}`)
        .go({ response: 'all_new' });
      if ((data.failures ?? 0) < maxFailures) return { lockedForSeconds: 0 };
      try {
        await SignInGuard.patch({ email })
          .set({ lockedUntil: now + lockMs })
          .where(({ lockedUntil }, { notExists }) => notExists(lockedUntil))
          .go();
      } catch (err) {
        if (!isConditionalCheckFailed(err)) throw err;
      }
      return { lockedForSeconds: seconds(lockMs) };
    } catch (err) {
      if (!isConditionalCheckFailed(err)) throw err;
    }
    // No current window (none yet, too old, or after a lock that has run out): start one.
    try {
      await SignInGuard.put({ email, failures: 1, windowStartedAt: now, expiresAt })
        .where(({ email: e, windowStartedAt, lockedUntil }, { notExists, lt }) =>
          `${notExists(e)} OR ${lt(windowStartedAt, cutoff)} OR ${lt(lockedUntil, now)}`,
        )
        .go();
      return { lockedForSeconds: maxFailures <= 1 ? seconds(lockMs) : 0 };
    } catch (err) {
      if (!isConditionalCheckFailed(err)) throw err;
    }
  }
  // Still racing after several rounds: somebody is hammering this address; refuse like a lock.
  return { lockedForSeconds: seconds(lockMs) };
}

/** A successful sign-in clears the count. */
export async function clearGuard(email: string): Promise<void> {
  await SignInGuard.delete({ email }).go();
}
