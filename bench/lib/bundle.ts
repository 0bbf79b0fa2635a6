import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative } from 'node:path';
import * as esbuild from 'esbuild';
import { repoRoot } from './entries.js';

/**
 * `external`: `@aws-sdk/*` left to the Lambda runtime (CDK NodejsFunction's default for Node 18+);
 * `bundled`: the SDK inside the bundle (NodejsFunction `bundleAwsSDK: true`).
 */
export type SdkMode = 'external' | 'bundled';

/**
 * ESM output needs a `require` for the CommonJS packages it bundles (electrodb `require`s
 * `@aws-sdk/lib-dynamodb`; the SDK itself `require`s `node:https`). Without it the bundle throws
 * `Dynamic require of "…" is not supported` at import. The CDK app must pass this as `bundling.banner`.
 */
export const requireBanner =
  "import { createRequire as __benchCreateRequire } from 'node:module'; const require = __benchCreateRequire(import.meta.url);";

/**
 * The esbuild settings of the bench: what CDK's NodejsFunction runs for infra/constructs/app-function.ts
 * (ESM, minify, platform node, `mainFields: module,main`, `@aws-sdk/*` external, createRequire
 * banner), except that the bench builds WITHOUT a source map and for node22 as the brief asks;
 * `deployed: true` adds the app's source map (`sourceMap: true, sourcesContent: false`).
 */
export function lambdaBuildOptions(sdk: SdkMode, { banner = true, deployed = false } = {}): esbuild.BuildOptions {
  return {
    bundle: true,
    minify: true,
    sourcemap: deployed,
    ...(deployed ? { sourcesContent: false } : {}),
    platform: 'node',
    format: 'esm',
    target: 'node22',
    mainFields: ['module', 'main'],
    external: sdk === 'external' ? ['@aws-sdk/*'] : [],
    ...(banner ? { banner: { js: requireBanner } } : {}),
    metafile: true,
    write: true,
    logLevel: 'silent',
    absWorkingDir: repoRoot,
  };
}

export interface BuildRequest {
  /** Entry file, relative to the repository root or absolute. */
  entry: string;
  /** Output `.mjs` path (must stay under the repository so `@aws-sdk` resolves from its node_modules). */
  outfile: string;
  sdk: SdkMode;
  /** Add the createRequire banner (default true: a working ESM Lambda needs it). */
  banner?: boolean;
  /** Also write the source map, as the deployed function has it (default false). */
  deployed?: boolean;
  plugins?: esbuild.Plugin[];
  /** Further packages to leave external (the bench harness keeps aws-sdk-client-mock out). */
  external?: string[];
}

export interface BuiltBundle {
  entry: string;
  file: string;
  bytes: number;
  metafile: esbuild.Metafile;
}

export async function buildBundle(req: BuildRequest): Promise<BuiltBundle> {
  await mkdir(dirname(req.outfile), { recursive: true });
  const base = lambdaBuildOptions(req.sdk, { banner: req.banner ?? true, deployed: req.deployed ?? false });
  const result = await esbuild.build({
    ...base,
    external: [...(base.external ?? []), ...(req.external ?? [])],
    entryPoints: [isAbsolute(req.entry) ? req.entry : join(repoRoot, req.entry)],
    outfile: req.outfile,
    plugins: req.plugins ?? [],
  });
  const metafile = result.metafile!;
  // The map (deployed builds) is a separate file: size counts the .mjs only, as Node parses only it.
  await writeFile(req.outfile.replace(/\.mjs$/, '.meta.json'), JSON.stringify(metafile));
  const { size } = await stat(req.outfile);
  return { entry: req.entry, file: req.outfile, bytes: size, metafile };
}

/** `node_modules/@scope/pkg/...` → `@scope/pkg`; project files → their top two path segments. */
export function ownerOf(inputPath: string): string {
  const m = /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(inputPath);
  if (m) return m[1]!;
  const rel = isAbsolute(inputPath) ? relative(repoRoot, inputPath) : inputPath;
  return rel.split('/').slice(0, 2).join('/');
}

export interface Contributor {
  name: string;
  bytes: number;
}

/** Bytes in the output per package (or project folder), largest first, from esbuild's metafile. */
export function contributors(metafile: esbuild.Metafile, top = 8): Contributor[] {
  const totals = new Map<string, number>();
  for (const output of Object.values(metafile.outputs)) {
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      const owner = ownerOf(input);
      totals.set(owner, (totals.get(owner) ?? 0) + bytesInOutput);
    }
  }
  return [...totals.entries()]
    .map(([name, bytes]) => ({ name, bytes }))
    .sort((a, b) => b.bytes - a.bytes)
    .slice(0, top);
}

/** How a bundled input file got in: the chain of importers from the entry (for "why is X here?"). */
export function importChain(metafile: esbuild.Metafile, target: string): string[] {
  const importers = new Map<string, string>();
  for (const [file, input] of Object.entries(metafile.inputs)) {
    for (const imp of input.imports) if (!importers.has(imp.path)) importers.set(imp.path, file);
  }
  const chain = [target];
  const seen = new Set(chain);
  let current = target;
  while (importers.has(current)) {
    current = importers.get(current)!;
    if (seen.has(current)) break;
    seen.add(current);
    chain.unshift(current);
  }
  return chain;
}

/**
 * What-if plugin: rewrites `import { z } from 'zod'` to `import * as z from 'zod'` in project files.
 * The named import pulls zod's whole `z` namespace object (every locale, JSON-schema tooling) past
 * tree shaking; the namespace import lets esbuild keep only what is used.
 */
export const zodNamespaceImport: esbuild.Plugin = {
  name: 'what-if-zod-namespace-import',
  setup(build) {
    build.onLoad({ filter: /\.tsx?$/ }, async (args) => {
      if (args.path.includes('/node_modules/')) return undefined;
      const source = await readFile(args.path, 'utf8');
      const contents = source.replace(/import\s*\{\s*z\s*\}\s*from\s*(['"])zod\1/g, "import * as z from 'zod'");
      return { contents, loader: args.path.endsWith('x') ? 'tsx' : 'ts' };
    });
  },
};
