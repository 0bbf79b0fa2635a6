import { spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { mkdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { HarnessConfig, HarnessResult } from '../handler-cost.js';
import { buildBundle } from './bundle.js';
import { repoRoot } from './entries.js';
import { lambdaLikeEnv } from './import-time.js';
import { accessTokenClaims, createSigningKey, signJwt, startJwksServer } from './jwt.js';

export interface HandlerCostOptions {
  /** Requests per round for the full stack and the bare handler. */
  iterations: number;
  rounds: number;
  /** Requests per round for the slow variants (real RS256 JWT, real SDK path). */
  slowIterations: number;
  warmup: number;
  /** Output directory (under the repository so `@aws-sdk` resolves from its node_modules). */
  outDir: string;
}

/** The logging settings of the measurement: logging I/O would otherwise dominate what is measured. */
export const measurementEnv = {
  POWERTOOLS_LOG_LEVEL: 'SILENT',
  POWERTOOLS_METRICS_DISABLED: 'true',
} as const;

/**
 * Bundles bench/handler-cost.ts with the Lambda settings, serves a JWKS for a local RS256 key,
 * and runs the harness in a fresh `node --expose-gc` (stdout/stderr to a log file, as Lambda's
 * log pipe would take them). Returns the harness's result or throws with its error.
 */
export async function runHandlerCost(opts: HandlerCostOptions): Promise<HarnessResult> {
  await mkdir(opts.outDir, { recursive: true });
  const bundle = await buildBundle({
    entry: 'bench/handler-cost.ts',
    outfile: join(opts.outDir, 'handler-cost.mjs'),
    sdk: 'external',
    external: ['aws-sdk-client-mock'],
  });

  const key = createSigningKey();
  const jwks = await startJwksServer(key);
  const clientId = 'benchclient0123456789abcdef';
  const claims = accessTokenClaims(jwks.issuer, clientId);
  const resultsFile = join(opts.outDir, 'handler-cost.result.json');
  const logFile = join(opts.outDir, 'handler-cost.log');
  await rm(resultsFile, { force: true });

  const config: HarnessConfig = {
    out: resultsFile,
    iterations: opts.iterations,
    rounds: opts.rounds,
    slowIterations: opts.slowIterations,
    warmup: opts.warmup,
    token: signJwt(key, claims),
    claims,
  };
  const log = openSync(logFile, 'w');
  try {
    const code = await new Promise<number | null>((resolve, reject) => {
      const child = spawn(process.execPath, ['--expose-gc', '--no-warnings', bundle.file, JSON.stringify(config)], {
        cwd: repoRoot,
        env: lambdaLikeEnv({
          ...measurementEnv,
          ORG_ID: 'main',
          JWT_ISSUER: jwks.issuer,
          JWT_JWKS_URI: jwks.jwksUri,
          JWT_CLIENT_IDS: clientId,
          // Placeholders so the real SDK path (phase 2) can sign; its HTTP handler is stubbed, nothing leaves the process.
          AWS_ACCESS_KEY_ID: 'AKIABENCHPLACEHOLDER',
          AWS_SECRET_ACCESS_KEY: 'bench-placeholder-secret',
          AWS_SESSION_TOKEN: 'bench-placeholder-session-token',
        }),
        stdio: ['ignore', log, log],
      });
      child.once('error', reject);
      child.once('exit', (c) => resolve(c));
    });
    const raw = await readFile(resultsFile, 'utf8').catch(() => undefined);
    if (!raw) throw new Error(`handler-cost harness exited with ${code} and no result; see ${logFile}`);
    const result = JSON.parse(raw) as HarnessResult | { ok: false; error: string };
    if (!result.ok) throw new Error(`handler-cost harness failed: ${result.error}`);
    return result;
  } finally {
    closeSync(log);
    await jwks.close();
  }
}
