/**
 * Runs bench/probes/electrodb-get-cost.ts bundled with the bench's Lambda esbuild settings, in fresh
 * `node --expose-gc` processes (one per stub mode), and prints a table of µs/op and ratios.
 *
 *   npx tsx bench/probes/run-electrodb-get-cost.ts [--iterations 4000] [--rounds 7] [--stubs mock,plain,sdk]
 *   npx tsx bench/probes/run-electrodb-get-cost.ts --profile [--variant 'edb go() default (service today)']
 *
 * Bundles go to bench/probes/.out/ (under the repository so `@aws-sdk/*` resolves); --profile builds
 * unminified (readable frame names) and writes a .cpuprofile there, then prints its top frames.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import * as esbuild from 'esbuild';
import { buildBundle, lambdaBuildOptions } from '../lib/bundle.js';
import { repoRoot } from '../lib/entries.js';
import { lambdaLikeEnv } from '../lib/import-time.js';

const { values: flags } = parseArgs({
  options: {
    iterations: { type: 'string', default: '4000' },
    rounds: { type: 'string', default: '7' },
    warmup: { type: 'string', default: '3000' },
    stubs: { type: 'string', default: 'mock,plain,sdk' },
    profile: { type: 'boolean', default: false },
    variant: { type: 'string', default: 'edb go() default (service today)' },
    only: { type: 'string' },
  },
});

const outDir = join(repoRoot, 'bench/probes/.out');
const env = lambdaLikeEnv({
  ORG_ID: 'main',
  POWERTOOLS_LOG_LEVEL: 'SILENT',
  POWERTOOLS_METRICS_DISABLED: 'true',
  AWS_ACCESS_KEY_ID: 'AKIABENCHPLACEHOLDER',
  AWS_SECRET_ACCESS_KEY: 'bench-placeholder-secret',
  AWS_SESSION_TOKEN: 'bench-placeholder-session-token',
});

interface Row {
  name: string;
  us: number;
  vsGet: number;
  vsHandler: number;
  rounds: number[];
}

async function main() {
  if (flags.profile) {
    const file = join(outDir, 'electrodb-get-cost.profile.mjs');
    await esbuild.build({
      ...lambdaBuildOptions('external'),
      minify: false,
      external: ['@aws-sdk/*', 'aws-sdk-client-mock'],
      entryPoints: [join(repoRoot, 'bench/probes/electrodb-get-cost.ts')],
      outfile: file,
    });
    const profDir = join(outDir, 'cpuprofile');
    rmSync(profDir, { recursive: true, force: true });
    const cfg = { mode: 'profile', iterations: Number(flags.iterations) * 10, variant: flags.variant, stub: flags.stubs.split(',')[0] };
    const r = spawnSync(process.execPath, ['--cpu-prof', `--cpu-prof-dir=${profDir}`, '--cpu-prof-interval=100', file, JSON.stringify(cfg)], { cwd: repoRoot, env, stdio: 'inherit' });
    if (r.status !== 0) throw new Error(`profile run exited ${r.status}`);
    const prof = join(profDir, readdirSync(profDir)[0]!);
    printProfile(prof);
    return;
  }

  const bundle = await buildBundle({ entry: 'bench/probes/electrodb-get-cost.ts', outfile: join(outDir, 'electrodb-get-cost.mjs'), sdk: 'external', external: ['aws-sdk-client-mock'] });
  for (const stub of flags.stubs.split(',')) {
    const slow = stub === 'sdk';
    const cfg = {
      mode: 'measure',
      stub,
      rounds: Number(flags.rounds),
      iterations: slow ? Math.round(Number(flags.iterations) / 4) : Number(flags.iterations),
      warmup: slow ? Math.round(Number(flags.warmup) / 4) : Number(flags.warmup),
      ...(flags.only ? { only: flags.only.split('|') } : {}),
    };
    const r = spawnSync(process.execPath, ['--expose-gc', '--no-warnings', bundle.file, JSON.stringify(cfg)], { cwd: repoRoot, env, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`probe (${stub}) exited ${r.status}: ${r.stderr}`);
    const out = JSON.parse(r.stdout.trim().split('\n').pop()!) as { stub: string; iterations: number; rounds: number; result: Row[] };
    console.log(`\nstub=${out.stub}  (${out.rounds} rounds × ${out.iterations} requests; µs = median of round medians; ratios = median of per-round ratios)`);
    console.log('| variant | µs/op | × bare GetCommand | × bare handler | round medians µs |');
    console.log('|---|---:|---:|---:|---|');
    for (const row of out.result) console.log(`| ${row.name} | ${row.us.toFixed(2)} | ${row.vsGet.toFixed(2)} | ${row.vsHandler.toFixed(2)} | ${row.rounds.join(' ')} |`);
  }
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

/** Self time per function and inclusive time per function (each function counted once per stack). */
function printProfile(file: string) {
  const prof = JSON.parse(readFileSync(file, 'utf8')) as { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };
  const byId = new Map(prof.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const label = (n: ProfileNode) => {
    const url = n.callFrame.url.replace(/^file:\/\//, '').replace(`${repoRoot}/`, '').replace(/^.*node_modules\//, '');
    return `${n.callFrame.functionName || '(anonymous)'} ${url ? `${url}:${n.callFrame.lineNumber + 1}` : ''}`.trim();
  };
  const self = new Map<string, number>();
  const incl = new Map<string, number>();
  let total = 0;
  prof.samples.forEach((id, i) => {
    const dt = prof.timeDeltas[i] ?? 0;
    total += dt;
    const leaf = byId.get(id)!;
    self.set(label(leaf), (self.get(label(leaf)) ?? 0) + dt);
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const l = label(byId.get(cur)!);
      if (!seen.has(l)) incl.set(l, (incl.get(l) ?? 0) + dt), seen.add(l);
    }
  });
  const top = (m: Map<string, number>, n: number) => [...m].sort((a, b) => b[1] - a[1]).slice(0, n);
  console.log(`profile ${file}: ${(total / 1000).toFixed(0)} ms sampled`);
  console.log('\nTOP SELF');
  for (const [l, t] of top(self, 30)) console.log(`${((100 * t) / total).toFixed(1).padStart(5)}%  ${l}`);
  console.log('\nTOP INCLUSIVE');
  for (const [l, t] of top(incl, 45)) console.log(`${((100 * t) / total).toFixed(1).padStart(5)}%  ${l}`);
}

main().catch((err: Error) => {
  console.error(err.stack ?? err);
  process.exit(1);
});
