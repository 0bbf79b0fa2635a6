import { CopyObjectCommand, DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { inspectUpload, presignDownload, presignUpload, quarantineObject } from './s3-files.js';

const s3 = mockClient(S3Client);
afterEach(() => s3.reset());

/** The part of an SDK stream body that inspectUpload reads. */
const body = (bytes: number[]) => ({ transformToByteArray: async () => new Uint8Array(bytes) }) as never;
const pdf = [...Buffer.from('%PDF-1.7\n')];
const exe = [...Buffer.from('MZ\x90\x00')];
const rules = { bucket: 'b', key: 'kyc/c1/d1', maxBytes: 1000, allowed: ['application/pdf'] as const };

describe('inspectUpload', () => {
  it('accepts a stored object whose real size and first bytes match the rules', async () => {
    s3.on(HeadObjectCommand).resolves({ ContentLength: 500 });
    s3.on(GetObjectCommand).resolves({ Body: body(pdf) });

    await expect(inspectUpload(rules)).resolves.toEqual({ ok: true, size: 500, contentType: 'application/pdf' });
    expect(s3.commandCalls(GetObjectCommand)[0]!.args[0].input.Range).toBe('bytes=0-63');
  });

  it('refuses an executable whatever it was called, and a type outside the list', async () => {
    s3.on(HeadObjectCommand).resolves({ ContentLength: 10 });
    s3.on(GetObjectCommand).resolves({ Body: body(exe) });
    await expect(inspectUpload(rules)).resolves.toEqual({ ok: false, reason: 'file_type_not_allowed', size: 10, detected: 'executable' });
  });

  it('refuses an object larger than allowed without reading it', async () => {
    s3.on(HeadObjectCommand).resolves({ ContentLength: 1001 });
    await expect(inspectUpload(rules)).resolves.toEqual({ ok: false, reason: 'file_too_large', size: 1001 });
    expect(s3.commandCalls(GetObjectCommand)).toHaveLength(0);
  });

  it('reports a missing object', async () => {
    s3.on(HeadObjectCommand).rejects(Object.assign(new Error('nf'), { name: 'NotFound', $metadata: { httpStatusCode: 404 } }));
    await expect(inspectUpload(rules)).resolves.toEqual({ ok: false, reason: 'missing' });
  });

  it('refuses an empty object', async () => {
    s3.on(HeadObjectCommand).resolves({ ContentLength: 0 });
    s3.on(GetObjectCommand).resolves({ Body: body([]) });
    await expect(inspectUpload(rules)).resolves.toMatchObject({ ok: false, reason: 'file_type_not_allowed' });
  });
});

describe('quarantineObject', () => {
  it('copies the object under quarantine/ and deletes the original', async () => {
    s3.on(CopyObjectCommand).resolves({});
    s3.on(DeleteObjectCommand).resolves({});

    await expect(quarantineObject('b', 'kyc/c1/d1')).resolves.toBe('quarantine/kyc/c1/d1');

    expect(s3.commandCalls(CopyObjectCommand)[0]!.args[0].input).toMatchObject({ Bucket: 'b', Key: 'quarantine/kyc/c1/d1', CopySource: 'b/kyc/c1/d1' });
    expect(s3.commandCalls(DeleteObjectCommand)[0]!.args[0].input).toEqual({ Bucket: 'b', Key: 'kyc/c1/d1' });
  });
});

describe('presigned links', () => {
  it('signs a POST for exactly the server-chosen key with the size range and content type in the policy', async () => {
    const upload = await presignUpload({ bucket: 'b', key: 'kyc/c1/d1', maxBytes: 1000, contentType: 'application/pdf' });

    expect(upload.fields).toMatchObject({ key: 'kyc/c1/d1', 'Content-Type': 'application/pdf' });
    const policy = JSON.parse(Buffer.from(upload.fields.Policy!, 'base64').toString('utf8')) as { conditions: unknown[] };
    expect(policy.conditions).toContainEqual(['content-length-range', 1, 1000]);
    expect(policy.conditions).toContainEqual(['eq', '$Content-Type', 'application/pdf']);
    expect(policy.conditions).toContainEqual({ key: 'kyc/c1/d1' });
  });

  it('signs a GET that downloads as an attachment under a cleaned name', async () => {
    const { url } = await presignDownload({ bucket: 'b', key: 'kyc/c1/d1', fileName: '../../évil"\u202e.pdf', contentType: 'application/pdf' });

    const disposition = new URL(url).searchParams.get('response-content-disposition');
    expect(disposition).toBe(`attachment; filename="_vil.pdf"; filename*=UTF-8''${encodeURIComponent('évil.pdf')}`);
  });
});
