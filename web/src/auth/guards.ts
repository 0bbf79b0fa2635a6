import type { Me, Permission } from '../api/schemas';
import type { SessionState } from './session';

/**
 * Who may open a page:
 * - `guest`: sign-in, registration, password reset (a signed-in user is sent to their home);
 * - `public`: anyone (status page, request-access form);
 * - `signed_in`: any signed-in user with their 2FA in order (my security, my activity);
 * - `mfa_setup`: any signed-in user, even staff who still must enrol TOTP;
 * - `portal`: customers; `desk`: staff (agent, manager, technician, admin);
 * - `admin`: anyone holding one of the admin permissions; or one named permission (`staff: true`:
 *   and on the staff side — customers hold e.g. `customers:read` for their own account only).
 */
export type Guard =
  | 'guest'
  | 'public'
  | 'signed_in'
  | 'mfa_setup'
  | 'portal'
  | 'desk'
  | 'admin'
  | { permission: Permission; staff?: boolean };

export type Decision =
  | { kind: 'allow' }
  /** Not known yet (session being restored, /me loading). */
  | { kind: 'wait' }
  | { kind: 'redirect'; to: string }
  | { kind: 'forbidden' };

export interface GuardContext {
  session: Pick<SessionState, 'status' | 'mfaSetupRequired'>;
  /** GET /me of the signed-in user; undefined while loading. */
  me: Me | undefined;
  /** The current location (path + search), kept as `next` when sending the user to sign in. */
  location: string;
}

export const authPaths = {
  signIn: '/sign-in',
  mfaSetup: '/security/2fa/setup',
} as const;

/** The permissions that open the admin area (each admin page needs its own one). */
export const adminPermissions: readonly Permission[] = ['users:read', 'roles:read', 'audit:read'];

const allow: Decision = { kind: 'allow' };
const wait: Decision = { kind: 'wait' };

/** Where a user lands after signing in: admins in admin, other staff on the desk, customers in the portal. */
export function homeFor(me: Me): string {
  if (me.role === 'admin') return '/admin';
  return me.isStaff ? '/desk' : '/portal';
}

/** A `next` parameter is followed only when it is a path of this app (never another origin). */
export function safeNext(next: string | null | undefined): string | undefined {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return undefined;
  return next;
}

export function signInPath(location: string): string {
  const next = safeNext(location);
  return next && next !== '/' && !next.startsWith(authPaths.signIn)
    ? `${authPaths.signIn}?next=${encodeURIComponent(next)}`
    : authPaths.signIn;
}

function mayUse(guard: Exclude<Guard, 'guest' | 'public' | 'signed_in' | 'mfa_setup'>, me: Me): boolean {
  if (guard === 'portal') return !me.isStaff;
  if (guard === 'desk') return me.isStaff;
  const held = new Set<string>(me.permissions);
  if (guard === 'admin') return adminPermissions.some((p) => held.has(p));
  return held.has(guard.permission) && (!guard.staff || me.isStaff);
}

/** The one decision every route guard and the navigation use. */
export function decide(guard: Guard, { session, me, location }: GuardContext): Decision {
  if (guard === 'public') return allow;
  if (session.status === 'restoring') return wait;
  const signedIn = session.status === 'signed_in';

  if (guard === 'guest') {
    if (!signedIn) return allow;
    if (session.mfaSetupRequired) return { kind: 'redirect', to: authPaths.mfaSetup };
    // Honour ?next= here too: the sign-in page navigates there itself, and two different targets race.
    const next = safeNext(new URLSearchParams(location.split('?')[1] ?? '').get('next'));
    if (next) return { kind: 'redirect', to: next };
    return me ? { kind: 'redirect', to: homeFor(me) } : wait;
  }
  if (!signedIn) return { kind: 'redirect', to: signInPath(location) };
  if (guard === 'mfa_setup') return allow;
  if (session.mfaSetupRequired) return { kind: 'redirect', to: authPaths.mfaSetup };
  if (guard === 'signed_in') return allow;
  if (!me) return wait;
  return mayUse(guard, me) ? allow : { kind: 'forbidden' };
}

/** For the navigation: show an entry only when its page would open. */
export function mayOpen(guard: Guard, context: GuardContext): boolean {
  return decide(guard, context).kind === 'allow';
}
