import { mkdirSync, writeFileSync } from 'node:fs';
import { allRoutes, routeManifest, routeManifestFile } from '../../functions/api/routes.js';
import { buildOpenApi } from '../../shared/http/openapi.js';
import { openApiInfo } from '../../shared/http/openapi-info.js';

/**
 * Writes docs/openapi.json and the fallback Lambda's route manifest from the route table (run by
 * `npm run openapi` and before the lint in `npm test`).
 */
const doc = buildOpenApi(allRoutes, openApiInfo);
mkdirSync('docs', { recursive: true });
writeFileSync('docs/openapi.json', `${JSON.stringify(doc, null, 2)}\n`);
console.log(`docs/openapi.json: ${Object.keys(doc.paths).length} paths`);
writeFileSync(routeManifestFile, `${JSON.stringify(routeManifest(allRoutes), null, 2)}\n`);
console.log(`${routeManifestFile}: ${allRoutes.length} routes`);
