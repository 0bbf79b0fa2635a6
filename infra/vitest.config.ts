import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/** One vitest run for every test: unit (*.test.ts), integration (*.integ.test.ts), CDK, browser. */
export default defineConfig({
  root: fileURLToPath(new URL('..', import.meta.url)),
  test: {
    include: ['{infra,functions,shared,events,web,bench}/**/*.test.{ts,tsx}'],
    exclude: ['**/node_modules/**', 'cdk.out/**', 'web/dist/**', '.local/**'],
    env: {
      POWERTOOLS_LOG_LEVEL: 'SILENT',
      POWERTOOLS_METRICS_DISABLED: 'true',
      AWS_REGION: 'eu-west-1',
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
      TZ: 'UTC',
    },
    // The JSON report lets .ci/run print a plain "N passed, N failed" line.
    reporters: ['default', ['json', { outputFile: '.local/vitest-results.json' }]],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    restoreMocks: true,
  },
});
