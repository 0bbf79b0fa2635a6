import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBundle, contributors, ownerOf } from './lib/bundle.js';
import { discoverEntries, entryLabel, repoRoot } from './lib/entries.js';
import { runHandlerCost } from './lib/handler-cost-runner.js';
import { mailRows, runMailBench } from './mail.js';
import { importOnce } from './lib/import-time.js';
import { median, quantile, ratio, verdict } from './lib/stats.js';

// The harness only: nothing here asserts on wall-clock time (benchmarks report, tests don't).
const outDir = join(repoRoot, 'bench', '.out', `test-${process.pid}`);

beforeAll(async () => {
  await mkdir(outDir, { recursive: true });
});
afterAll(async () => {
  await rm(outDir, { recursive: true, force: true });
});

describe('stats', () => {
  it('computes medians, quantiles and ratios', () => {
    // Prepare / Act / Assess in one line each: pure functions.
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
    expect(quantile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9)).toBe(9);
    expect(ratio(30, 20)).toBe(1.5);
    expect(ratio(1, 0)).toBeNaN();
    expect(ratio(Number.NaN, 1)).toBeNaN();
  });

  it('gives ok at the limit, over above it or when unmeasured, info without a target', () => {
    expect(verdict(1.5, 1.5)).toBe('ok');
    expect(verdict(1.51, 1.5)).toBe('over');
    expect(verdict(Number.NaN, 1.5)).toBe('over');
    expect(verdict(3, undefined)).toBe('info');
  });
});

describe('entries', () => {
  it('discovers API domains, schedule targets and the optional consumers', async () => {
    const entries = await discoverEntries();

    expect(entries).toContain('functions/api/settings/index.ts');
    expect(entries).toContain('functions/api/fallback/index.ts');
    expect(entries).toContain('functions/schedules/heartbeat.ts');
    expect(new Set(entries).size).toBe(entries.length);
    expect(entryLabel('functions/api/settings/index.ts')).toBe('api-settings');
    expect(entryLabel('functions/mail/inbound.ts')).toBe('mail-inbound');
  });
});

describe('bundles and import', () => {
  it('builds the reference and an entry, measures their size and imports them in a fresh process', async () => {
    const reference = await buildBundle({ entry: 'bench/reference/handler.ts', outfile: join(outDir, 'reference.mjs'), sdk: 'external' });
    const system = await buildBundle({ entry: 'functions/api/system/index.ts', outfile: join(outDir, 'system.mjs'), sdk: 'external' });

    expect(reference.bytes).toBeGreaterThan(0);
    expect(system.bytes).toBeGreaterThan(reference.bytes);
    expect(contributors(system.metafile, 3).map((c) => c.name)).toContain('zod');
    const imported = await importOnce(reference.file);
    expect(imported.ok).toBe(true);
    expect(imported.ok && imported.ms).toBeGreaterThan(0);
  });

  it('reports a bundle that throws at import instead of failing', async () => {
    const broken = join(outDir, 'broken.mjs');
    await writeFile(broken, "throw new Error('boom at import');\n");

    const result = await importOnce(broken);

    expect(result).toEqual({ ok: false, error: 'boom at import' });
  });

  it('attributes bundled inputs to their package', () => {
    expect(ownerOf('node_modules/@aws-lambda-powertools/logger/lib/esm/Logger.js')).toBe('@aws-lambda-powertools/logger');
    expect(ownerOf('node_modules/zod/v4/core/schemas.js')).toBe('zod');
    expect(ownerOf('shared/http/pipeline.ts')).toBe('shared/http');
  });
});

describe('per-request harness', () => {
  it('runs every variant end to end with the organisation answered', async () => {
    const result = await runHandlerCost({ iterations: 30, rounds: 1, slowIterations: 10, warmup: 5, outDir: join(outDir, 'harness') });

    expect(result.ok).toBe(true);
    expect(result.env).toEqual({ POWERTOOLS_LOG_LEVEL: 'SILENT', POWERTOOLS_METRICS_DISABLED: 'true' });
    expect(result.key).toEqual({ pk: '$cm#orgid_main', sk: '$organisation_1' });
    for (const stats of Object.values(result.variants)) {
      expect(stats.median).toBeGreaterThan(0);
      expect(stats.samples).toBeGreaterThan(0);
    }
    expect(result.linesPerRequest.bare).toBe(0);
  }, 120_000);
});

describe('inbound mail harness', () => {
  it('runs corpus messages through the inbound handler with AWS mocked, each step alone, and the memory passes', async () => {
    const result = await runMailBench({ rounds: 1, limit: 4, outDir: join(outDir, 'mail') });

    expect(result.messages).toBe(4);
    // Every message went the whole way (no mock gap): a ticket, or a recorded bounce / ignored mail.
    expect(result.failures).toEqual([]);
    expect(Object.values(result.outcomes).reduce((a, b) => a + b, 0)).toBe(4);
    expect(result.outcomes.created).toBeGreaterThan(0);
    expect(result.sdkCallsPerMessage.TransactWrite).toBeGreaterThan(0);
    // html-to-text runs on HTML-only mails; the first messages may have none.
    for (const [name, v] of Object.entries(result.variants)) if (name !== 'htmlToText' || result.htmlOnlyMessages) expect(v.median).toBeGreaterThan(0);
    expect(result.memory.handler.bytes).toBeGreaterThan(0);
    expect(result.memory.handler.outcome).toMatch(/^(created|bounced|ignored)$/);
    const { rows } = mailRows(result);
    expect(rows[0]!.target).toBe('≥ 0.5×');
    expect(rows.every((r) => r.section === rows[0]!.section)).toBe(true);
  }, 180_000);

  it('explains a missed target with the measured share of each step', () => {
    const t = (median: number) => ({ perSecond: [median], median });
    const memory = { messageId: 'm', bytes: 1, peakRss: 1, peakRssDelta: 0, heapDelta: 0, heapRetained: 0, outcome: 'created' };
    const { rows, findings } = mailRows({
      messages: 10, corpusBytes: 1000, rounds: 1, htmlMessages: 10, htmlOnlyMessages: 10,
      variants: { rawParser: t(1000), parseMail: t(100), handler: t(50), sanitize: t(200), htmlToText: t(1000), handlerMinimal: t(500) },
      outcomes: { created: 10 }, failures: [], sdkCallsPerMessage: {}, sdkCallMs: 0.1, electrodbCallMs: 0.2, minimalCommands: 10, slowest: [],
      memory: { handler: memory, rawParser: memory },
    });

    expect(rows[0]!.verdict).toBe('over');
    // 10 messages: handler 200 ms = postal-mime 10 + sanitize 50 + html-to-text 10 + rest of parseMail 30 + outside 100.
    expect(findings[0]).toContain('biggest: everything outside parseMail');
    expect(findings[0]).toContain('sanitize-html 50 ms (25%)');
    // postal-mime 10 ms against a fixed cost of 20 ms per pass (10 one-line mails at 500/s).
    expect(findings.find((f) => f.includes('fixed-cost ceiling'))).toContain('would reach 0.33×');
  });
});
