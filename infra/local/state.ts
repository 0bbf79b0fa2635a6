import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PoolIds } from './cognito-setup.js';

/** What a running twin tells its CLIs (token, invoke, schedule): endpoints and ids. Kept in `.local/`. */
export interface TwinState {
  region: string;
  tableName: string;
  buckets: Record<'attachments' | 'kyc' | 'inbound' | 'exports', string>;
  endpoints: { api: string; web?: string; dynamodb: string; s3: string; cognito: string; ses: string; smtp: string };
  smtpPort: number;
  cognito: PoolIds & { issuer: string };
  pid: number;
  /** `npm start -- --sla-clock`: the SLA clock's offset from the wall clock (ms), for the CLIs. */
  slaClockOffsetMs?: number;
}

export const localDir = join(process.cwd(), '.local');
const stateFile = join(localDir, 'twin.json');
const totpFile = join(localDir, 'totp.json');

export function writeState(state: TwinState, dir = localDir) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'twin.json'), `${JSON.stringify(state, null, 2)}\n`);
}

export function readState(dir = localDir): TwinState | undefined {
  const file = dir === localDir ? stateFile : join(dir, 'twin.json');
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as TwinState) : undefined;
}

/** Staff TOTP secrets of demo accounts, so tools and tests can compute codes. */
export function readTotpSecrets(dir = localDir): Record<string, string> {
  const file = dir === localDir ? totpFile : join(dir, 'totp.json');
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>) : {};
}

export function writeTotpSecrets(secrets: Record<string, string>, dir = localDir) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'totp.json'), `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 });
}
