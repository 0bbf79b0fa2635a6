import { defaultRolePermissions, roleFromGroups, staffRoles, type Permission, type Role } from './permissions.js';

/** Who is calling. Object-level policies (shared/<domain>/policy.ts) take one of these. */
export interface UserActor {
  kind: 'user';
  userId: string;
  username: string;
  role: Role;
  groups: string[];
  permissions: ReadonlySet<Permission>;
  isStaff: boolean;
  /** Whether the user has TOTP set up; staff without it may only reach the 2FA setup routes. */
  mfaEnrolled: boolean;
  /** The token's client id and session start, for audit and session revocation later. */
  clientId: string;
  authTime: number;
  /** The session the token belongs to (set by shared/identity/resolve-actor.ts; absent for claims-only actors). */
  sessionId?: string;
}

export interface AnonymousActor {
  kind: 'anonymous';
}

export type Actor = UserActor | AnonymousActor;

export interface AccessClaims {
  sub: string;
  username?: string;
  'cognito:groups'?: string[];
  client_id?: string;
  auth_time?: number;
  iat?: number;
  exp?: number;
  /** Token id: the key of its registration (sessionToken) in shared/identity. */
  jti?: string;
}

export function actorFromClaims(claims: AccessClaims): UserActor {
  const groups = claims['cognito:groups'] ?? [];
  const role = roleFromGroups(groups);
  return {
    kind: 'user',
    userId: claims.sub,
    username: claims.username ?? claims.sub,
    role,
    groups,
    permissions: new Set(defaultRolePermissions[role]),
    isStaff: staffRoles.includes(role),
    // Claims alone cannot tell; the identity resolver reads it from the user record.
    mfaEnrolled: true,
    clientId: claims.client_id ?? '',
    authTime: claims.auth_time ?? claims.iat ?? 0,
  };
}

export function can(actor: Actor, permission: Permission): boolean {
  return actor.kind === 'user' && actor.permissions.has(permission);
}
