import type { S3Client } from '@aws-sdk/client-s3';
import * as z from 'zod';
import { endpoint, parseEnv } from '../config.js';

const env = parseEnv(z.object({ S3_ENDPOINT: endpoint }));

/** The SDK module: its command classes (`new sdk.GetObjectCommand(...)`). */
export type S3Sdk = typeof import('@aws-sdk/client-s3');

export interface S3 {
  client: S3Client;
  sdk: S3Sdk;
}

let loaded: Promise<S3> | undefined;

/**
 * The client, built once on the first S3 call, and the SDK module's command classes — loaded then
 * rather than at every cold start (esbuild hoists external imports, so a static import would be
 * paid at import even from a module loaded lazily). The client is an instance of the package's own
 * S3Client, so `mockClient(S3Client)` intercepts it. Locally S3_ENDPOINT points at s3rver, which
 * needs path-style URLs and no streaming checksums.
 */
export function s3(): Promise<S3> {
  loaded ??= import('@aws-sdk/client-s3').then((sdk) => ({
    client: new sdk.S3Client({
      ...(env.S3_ENDPOINT
        ? { endpoint: env.S3_ENDPOINT, forcePathStyle: true, requestChecksumCalculation: 'WHEN_REQUIRED', responseChecksumValidation: 'WHEN_REQUIRED' }
        : {}),
    }),
    sdk,
  }));
  return loaded;
}
