import { s3 } from '../aws/s3.js';
import { detectType, displayFileName, sniffLength, type DetectedType } from './file-types.js';

/** What the browser needs to POST one file straight to S3. */
export interface PresignedUpload {
  url: string;
  /** Form fields to send before the file field, as given. */
  fields: Record<string, string>;
  maxBytes: number;
  expiresAt: string;
}

const uploadSeconds = 10 * 60;
const downloadSeconds = 60;

/**
 * A presigned POST for exactly one server-chosen key, with the size range and content type
 * in the signed policy. S3 enforces the policy; the local emulator does not, so `inspectUpload`
 * checks the stored object afterwards in both places.
 */
export async function presignUpload(input: { bucket: string; key: string; maxBytes: number; contentType: string }): Promise<PresignedUpload> {
  const [{ client }, { createPresignedPost }] = await Promise.all([s3(), import('@aws-sdk/s3-presigned-post')]);
  const { url, fields } = await createPresignedPost(client, {
    Bucket: input.bucket,
    Key: input.key,
    Conditions: [
      ['content-length-range', 1, input.maxBytes],
      ['eq', '$Content-Type', input.contentType],
    ],
    Fields: { 'Content-Type': input.contentType },
    Expires: uploadSeconds,
  });
  return { url, fields, maxBytes: input.maxBytes, expiresAt: new Date(Date.now() + uploadSeconds * 1000).toISOString() };
}

export type Inspection =
  | { ok: true; size: number; contentType: DetectedType }
  | { ok: false; reason: 'missing' }
  | { ok: false; reason: 'file_too_large'; size: number }
  | { ok: false; reason: 'file_type_not_allowed'; size: number; detected: DetectedType };

/** Reads the stored object's real size and first bytes and checks them against the rules. */
export async function inspectUpload(input: { bucket: string; key: string; maxBytes: number; allowed: readonly DetectedType[] }): Promise<Inspection> {
  const { client, sdk } = await s3();
  let size: number;
  try {
    const head = await client.send(new sdk.HeadObjectCommand({ Bucket: input.bucket, Key: input.key }));
    size = head.ContentLength ?? 0;
  } catch (err) {
    const e = err as { name?: string; $metadata?: { httpStatusCode?: number } };
    if (e.name === 'NotFound' || e.name === 'NoSuchKey' || e.$metadata?.httpStatusCode === 404) return { ok: false, reason: 'missing' };
    throw err;
  }
  if (size > input.maxBytes) return { ok: false, reason: 'file_too_large', size };
  const head = await client.send(new sdk.GetObjectCommand({ Bucket: input.bucket, Key: input.key, Range: `bytes=0-${sniffLength - 1}` }));
  const bytes = head.Body ? await head.Body.transformToByteArray() : new Uint8Array();
  const detected = detectType(bytes);
  if (size === 0 || !input.allowed.includes(detected)) return { ok: false, reason: 'file_type_not_allowed', size, detected };
  return { ok: true, size, contentType: detected };
}

/** Where a refused object goes: never served, kept for review (a lifecycle rule may expire it). */
export const quarantineKey = (key: string) => `quarantine/${key}`;

/** Moves a refused upload out of the served key space. */
export async function quarantineObject(bucket: string, key: string): Promise<string> {
  const target = quarantineKey(key);
  const { client, sdk } = await s3();
  await client.send(new sdk.CopyObjectCommand({ Bucket: bucket, Key: target, CopySource: `${bucket}/${key.split('/').map(encodeURIComponent).join('/')}` }));
  await client.send(new sdk.DeleteObjectCommand({ Bucket: bucket, Key: key }));
  return target;
}

/**
 * A short-lived GET link that downloads (never renders inline) under a safe display name.
 * Call only after the object-level check.
 */
export async function presignDownload(input: { bucket: string; key: string; fileName: string; contentType: string }): Promise<{ url: string; expiresAt: string }> {
  const name = displayFileName(input.fileName);
  const [{ client, sdk }, { getSignedUrl }] = await Promise.all([s3(), import('@aws-sdk/s3-request-presigner')]);
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const url = await getSignedUrl(
    client,
    new sdk.GetObjectCommand({
      Bucket: input.bucket,
      Key: input.key,
      ResponseContentDisposition: `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`,
      ResponseContentType: input.contentType,
    }),
    { expiresIn: downloadSeconds },
  );
  return { url, expiresAt: new Date(Date.now() + downloadSeconds * 1000).toISOString() };
}
