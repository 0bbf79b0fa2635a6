import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import S3rver from 's3rver';

const require = createRequire(import.meta.url);

/** s3rver only knows the key pair S3RVER/S3RVER; register the twin's (it checks keys, not v4 signatures). */
function registerAccessKeys(keys: string[]) {
  const { DUMMY_ACCOUNT } = require('s3rver/lib/models/account.js') as { DUMMY_ACCOUNT: { createKeyPair(id: string, secret: string): void } };
  for (const key of keys) DUMMY_ACCOUNT.createKeyPair(key, key);
}

export interface S3Options {
  directory: string;
  port: number;
  buckets: string[];
  /** Origins allowed to upload from the browser (presigned POST/PUT). */
  corsOrigins: string[];
}

function corsXml(origins: string[]): string {
  const rules = origins
    .map(
      (o) => `<CORSRule><AllowedOrigin>${o}</AllowedOrigin><AllowedMethod>GET</AllowedMethod><AllowedMethod>PUT</AllowedMethod><AllowedMethod>POST</AllowedMethod><AllowedMethod>HEAD</AllowedMethod><AllowedHeader>*</AllowedHeader><ExposeHeader>ETag</ExposeHeader><MaxAgeSeconds>3000</MaxAgeSeconds></CORSRule>`,
    )
    .join('');
  return `<CORSConfiguration>${rules}</CORSConfiguration>`;
}

/** s3rver with every bucket and its CORS configuration created on start. */
export async function startS3(options: S3Options) {
  mkdirSync(options.directory, { recursive: true });
  registerAccessKeys([...new Set(['local', process.env.AWS_ACCESS_KEY_ID ?? 'local'])]);
  const server = new S3rver({
    address: '127.0.0.1',
    port: options.port,
    directory: options.directory,
    silent: true,
    configureBuckets: options.buckets.map((name) => ({ name, configs: [corsXml(options.corsOrigins)] })),
  });
  await server.run();
  return {
    endpoint: `http://127.0.0.1:${options.port}`,
    close: () => server.close(),
  };
}
