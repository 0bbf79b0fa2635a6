import { Entity, type EntityItem } from 'electrodb';
import { lazy } from '../lazy.js';
import { documentClient, tableName } from '../client.js';

/**
 * A person who can sign in: the application's record beside the Cognito user (same id: the
 * Cognito `sub`). Role, status, TOTP enrolment and session revocation live here so a change takes
 * effect on the user's very next request, whatever their token says.
 */
export const User = lazy(() => new Entity(
  {
    model: { entity: 'user', version: '1', service: 'cm' },
    attributes: {
      userId: { type: 'string', required: true, readOnly: true },
      email: { type: 'string', required: true },
      name: { type: 'string', required: true },
      /** A built-in role (admin, manager, agent, technician, customer) or a custom role id. */
      role: { type: 'string', required: true },
      status: { type: ['active', 'disabled'] as const, required: true, default: 'active' },
      kind: { type: ['staff', 'customer'] as const, required: true },
      mfaEnrolled: { type: 'boolean', required: true, default: false },
      locale: { type: 'string' },
      /** Tokens issued before this (epoch seconds) are refused: "sign out everywhere", disable, role change. */
      sessionsRevokedBefore: { type: 'number', required: true, default: 0 },
      /** Constant partition for the user directory (list and email-prefix search). */
      directory: { type: 'string', required: true, default: 'users', readOnly: true },
      emailLower: {
        type: 'string',
        watch: ['email'],
        set: (_: unknown, { email }: { email?: string }) => email?.toLowerCase(),
      },
      version: { type: 'number', required: true, default: 1 },
      createdAt: { type: 'string', readOnly: true, required: true, default: () => new Date().toISOString() },
      updatedAt: { type: 'string', required: true, watch: '*', default: () => new Date().toISOString(), set: () => new Date().toISOString() },
    },
    indexes: {
      byId: {
        pk: { field: 'pk', composite: ['userId'] },
        sk: { field: 'sk', composite: [] },
      },
      byEmail: {
        index: 'gsi1',
        pk: { field: 'gsi1pk', composite: ['directory'] },
        sk: { field: 'gsi1sk', composite: ['emailLower'] },
      },
      /** Users holding a role (list filter; a custom role may not be deleted while held). */
      byRole: {
        index: 'gsi2',
        pk: { field: 'gsi2pk', composite: ['role'] },
        sk: { field: 'gsi2sk', composite: ['emailLower'] },
      },
    },
  },
  { client: documentClient, table: tableName },
));

export type UserItem = EntityItem<typeof User>;
