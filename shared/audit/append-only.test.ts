import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AuditRecord } from '../db/entities/audit-record.js';

/** Every source file (not tests) under the given folders. */
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' ? [] : sources(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

describe('audit records are append-only', () => {
  it('declares every attribute read-only', () => {
    const attributes = Object.entries(AuditRecord.schema.attributes);

    expect(attributes.length).toBeGreaterThan(10);
    for (const [name, attribute] of attributes) expect((attribute as { readOnly?: boolean }).readOnly, name).toBe(true);
  });

  it('has no code path that updates, replaces or deletes one', () => {
    const mutation = /\b(AuditRecord|auditRecord)\s*\.\s*(update|patch|upsert|put|delete|remove)\s*\(/;
    const offenders = ['shared', 'functions', 'infra', 'web/src'].flatMap(sources).filter((file) => mutation.test(readFileSync(file, 'utf8')));

    expect(offenders).toEqual([]);
  });
});
