import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { repoRoot } from './entries.js';

const run = promisify(execFile);

/**
 * Runs inside a fresh `node`: time from just before `await import(bundle)` to just after it
 * resolves (module load, parse, evaluation of every module-scope statement). Node's own start-up
 * is outside the measurement, as it is outside the function's init in Lambda's INIT report.
 */
const childScript = `
const { pathToFileURL } = await import('node:url');
const url = pathToFileURL(process.argv[1]).href;
const c0 = process.cpuUsage();
const t0 = process.hrtime.bigint();
try {
  await import(url);
} catch (err) {
  process.stdout.write(JSON.stringify({ error: String(err && err.message || err).split('\\n')[0].slice(0, 300) }));
  process.exit(1);
}
const t1 = process.hrtime.bigint();
const c1 = process.cpuUsage(c0);
process.stdout.write(JSON.stringify({ ms: Number(t1 - t0) / 1e6, cpuMs: (c1.user + c1.system) / 1e3 }));
`;

/**
 * The environment the child sees: what a deployed function has at import (region, function
 * name, table name), nothing from this shell (no NODE_OPTIONS, no tsx loader, no POWERTOOLS_DEV).
 */
export function lambdaLikeEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    TZ: 'UTC',
    AWS_REGION: 'eu-west-1',
    AWS_DEFAULT_REGION: 'eu-west-1',
    AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs22.x',
    AWS_LAMBDA_FUNCTION_NAME: 'bench',
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '1024',
    TABLE_NAME: 'cloudmanager-bench',
    POWERTOOLS_SERVICE_NAME: 'bench',
    ...extra,
  };
}

/**
 * `ms`: wall time (what a cold start pays); `cpuMs`: CPU time of the child over the same span
 * (less sensitive to other load on the machine, so a cross-check when the machine is busy).
 */
export type ImportResult = { ok: true; ms: number; cpuMs: number } | { ok: false; error: string };

/** A bundle to import, with extra `node` flags (e.g. `--enable-source-maps`). */
export interface ImportTarget {
  file: string;
  nodeFlags?: string[];
}

const asTarget = (t: string | ImportTarget): ImportTarget => (typeof t === 'string' ? { file: t } : t);
/** The key of a target in measureImports' result: its file, plus its flags if any. */
export const targetKey = (t: string | ImportTarget) => {
  const { file, nodeFlags = [] } = asTarget(t);
  return [file, ...nodeFlags].join(' ');
};

/** One import in one fresh process. Never throws: a bundle that fails at import is a result too. */
export async function importOnce(target: string | ImportTarget, env: NodeJS.ProcessEnv = lambdaLikeEnv()): Promise<ImportResult> {
  const { file, nodeFlags = [] } = asTarget(target);
  let stdout = '';
  try {
    // --no-warnings: the SDK's "Node 20 support ends" notice does not exist on nodejs22.x.
    ({ stdout } = await run(process.execPath, ['--no-warnings', ...nodeFlags, '--input-type=module', '-e', childScript, file], {
      cwd: repoRoot,
      env,
      maxBuffer: 16 * 1024 * 1024,
    }));
  } catch (err) {
    stdout = (err as { stdout?: string }).stdout ?? '';
    if (!stdout.trim()) return { ok: false, error: ((err as { stderr?: string }).stderr || (err as Error).message).trim().split('\n')[0]!.slice(0, 300) };
  }
  const parsed = JSON.parse(stdout.trim().split('\n').pop()!) as { ms: number; cpuMs: number } | { error: string };
  return 'error' in parsed ? { ok: false, error: parsed.error } : { ok: true, ...parsed };
}

/**
 * `runs` fresh-process imports of every file, interleaved (round r imports every file once, in a
 * rotated order), so drift in machine load spreads over all files alike. One discarded warm-up
 * import per file first (disk cache). Returns the samples (ms) per file; failures are reported.
 */
export async function measureImports(
  targets: readonly (string | ImportTarget)[],
  runs: number,
  onRound?: (round: number) => void,
): Promise<Map<string, ImportResult[]>> {
  const results = new Map<string, ImportResult[]>(targets.map((t) => [targetKey(t), []]));
  for (const t of targets) await importOnce(t);
  for (let round = 0; round < runs; round++) {
    for (let i = 0; i < targets.length; i++) {
      const target = targets[(i + round) % targets.length]!;
      results.get(targetKey(target))!.push(await importOnce(target));
    }
    onRound?.(round + 1);
  }
  return results;
}

export function successfulMs(results: readonly ImportResult[]): number[] {
  return results.flatMap((r) => (r.ok ? [r.ms] : []));
}

export function successfulCpuMs(results: readonly ImportResult[]): number[] {
  return results.flatMap((r) => (r.ok ? [r.cpuMs] : []));
}

export function firstError(results: readonly ImportResult[]): string | undefined {
  for (const r of results) if (!r.ok) return r.error;
  return undefined;
}
