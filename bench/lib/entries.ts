import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/** The repository root (bench/lib/ → ../..). */
export const repoRoot = resolve(import.meta.dirname, '..', '..');

/** Entries that may or may not exist yet (other work in progress adds them). */
export const optionalEntries = ['functions/streams/index.ts', 'functions/mail/inbound.ts'] as const;

/** Every `functions/api/<domain>/index.ts` (one Lambda per API domain, fallback included). */
export function apiEntries(root = repoRoot): string[] {
  const apiDir = join(root, 'functions', 'api');
  return readdirSync(apiDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(apiDir, d.name, 'index.ts')))
    .map((d) => `functions/api/${d.name}/index.ts`)
    .sort();
}

/** Every `target` of the schedule table (read from events/schedules.ts itself, not parsed as text). */
export async function scheduleEntries(root = repoRoot): Promise<string[]> {
  const mod = (await import(pathToFileURL(join(root, 'events', 'schedules.ts')).href)) as {
    schedules: readonly { target: string }[];
  };
  return [...new Set(mod.schedules.map((s) => s.target))].sort();
}

/** All Lambda entries, discovered now (so new domains, schedules and consumers are benched without edits here). */
export async function discoverEntries(root = repoRoot): Promise<string[]> {
  const found = [
    ...apiEntries(root),
    ...(await scheduleEntries(root)),
    ...optionalEntries.filter((e) => existsSync(join(root, e))),
  ];
  return [...new Set(found)];
}

/** `functions/api/settings/index.ts` → `api-settings`: a file-name-safe label. */
export function entryLabel(entry: string): string {
  return entry
    .replace(/^functions\//, '')
    .replace(/\/index\.ts$/, '')
    .replace(/\.ts$/, '')
    .replace(/[^\w]+/g, '-');
}
