import { S3Client } from '@aws-sdk/client-s3';
import * as z from 'zod';
import { endpoint, parseEnv } from '../config.js';

const env = parseEnv(z.object({ S3_ENDPOINT: endpoint }));

/** Built once. Locally S3_ENDPOINT points at s3rver, which needs path-style URLs and no streaming checksums. */
export const s3 = new S3Client({
  ...(env.S3_ENDPOINT
    ? { endpoint: env.S3_ENDPOINT, forcePathStyle: true, requestChecksumCalculation: 'WHEN_REQUIRED', responseChecksumValidation: 'WHEN_REQUIRED' }
    : {}),
});
