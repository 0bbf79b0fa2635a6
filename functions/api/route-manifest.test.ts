import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { allRoutes, routeManifest, routeManifestFile } from './routes.js';

describe('route manifest (functions/api/route-manifest.json, read by the fallback Lambda)', () => {
  it('lists the method and path of every route in the route table; run `npm run openapi` when this fails', () => {
    // Prepare
    const onDisk: unknown = JSON.parse(readFileSync(new URL(`../../${routeManifestFile}`, import.meta.url), 'utf8'));

    // Assess
    expect(onDisk).toEqual(routeManifest(allRoutes));
  });
});
