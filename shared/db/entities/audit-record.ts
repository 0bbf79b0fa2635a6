import { Entity, type EntityItem } from 'electrodb';
import { lazy } from '../lazy.js';
import { documentClient, tableName } from '../client.js';

const ro = { readOnly: true } as const;

/**
 * One audit record: who did what to which object, from where. Append-only: every attribute is
 * read-only and no code path updates or deletes these items. Records of one UTC day form a hash
 * chain in `seq` order (shared/audit/chain.ts); `hash` covers every other attribute.
 * No defaults or setters: what is stored is exactly what was hashed.
 */
export const AuditRecord = lazy(() => new Entity(
  {
    model: { entity: 'auditRecord', version: '1', service: 'cm' },
    attributes: {
      day: { type: 'string', required: true, ...ro },
      seq: { type: 'number', required: true, padding: { length: 10, char: '0' }, ...ro },
      at: { type: 'string', required: true, ...ro },
      kind: { type: ['request', 'change', 'auth'] as const, required: true, ...ro },
      action: { type: 'string', required: true, ...ro },
      outcome: { type: ['success', 'failure'] as const, ...ro },
      actorKind: { type: ['user', 'anonymous', 'system', 'unknown'] as const, required: true, ...ro },
      actorId: { type: 'string', ...ro },
      actorEmail: { type: 'string', ...ro },
      actorRole: { type: 'string', ...ro },
      targetType: { type: 'string', ...ro },
      targetId: { type: 'string', ...ro },
      /** Index keys, always present: `actorId`, or the actor kind when there is no user (`system`, `anonymous`, `unknown`). */
      actorKey: { type: 'string', required: true, ...ro },
      /** `<targetType>#<targetId>`, or `-` when the record has no target. */
      targetKey: { type: 'string', required: true, ...ro },
      /** JSON of `FieldChange[]` (canonical), so the hashed value survives the round trip exactly. */
      changes: { type: 'string', ...ro },
      /** JSON object (canonical): e.g. the route and status of a request, the reason of a failed sign-in. */
      details: { type: 'string', ...ro },
      requestId: { type: 'string', ...ro },
      ip: { type: 'string', ...ro },
      userAgent: { type: 'string', ...ro },
      prevHash: { type: 'string', required: true, ...ro },
      hash: { type: 'string', required: true, ...ro },
    },
    indexes: {
      byDay: {
        pk: { field: 'pk', composite: ['day'] },
        sk: { field: 'sk', composite: ['seq'] },
      },
      byActor: {
        index: 'gsi1',
        pk: { field: 'gsi1pk', composite: ['actorKey'], casing: 'none' },
        sk: { field: 'gsi1sk', composite: ['at'], casing: 'none' },
      },
      byTarget: {
        index: 'gsi2',
        pk: { field: 'gsi2pk', composite: ['targetKey'], casing: 'none' },
        sk: { field: 'gsi2sk', composite: ['at'], casing: 'none' },
      },
      byAction: {
        index: 'gsi3',
        pk: { field: 'gsi3pk', composite: ['action'], casing: 'none' },
        sk: { field: 'gsi3sk', composite: ['at'], casing: 'none' },
      },
    },
  },
  { client: documentClient, table: tableName },
));

export type AuditRecordItem = EntityItem<typeof AuditRecord>;
