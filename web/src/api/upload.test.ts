import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from './client';
import { uploadToPresignedPost } from './upload';

/** A stand-in for XMLHttpRequest: records what was sent; the test plays the server's part. */
class FakeXhr {
  static last: FakeXhr | undefined;
  method = '';
  url = '';
  sent: FormData | undefined;
  status = 0;
  aborted = false;
  upload: { onprogress: ((e: { lengthComputable: boolean; loaded: number; total: number }) => void) | null } = { onprogress: null };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  onabort: (() => void) | null = null;
  constructor() {
    FakeXhr.last = this;
  }
  open(method: string, url: string) {
    this.method = method;
    this.url = url;
  }
  send(body: FormData) {
    this.sent = body;
  }
  abort() {
    this.aborted = true;
    this.onabort?.();
  }
  progress(loaded: number, total: number, lengthComputable = true) {
    this.upload.onprogress?.({ lengthComputable, loaded, total });
  }
  answer(status: number) {
    this.status = status;
    this.onload?.();
  }
}

const upload = { url: 'http://s3.test/bucket', fields: { key: 'kyc/c1/d1', Policy: 'p', 'X-Amz-Signature': 's' } };
const file = new Blob(['%PDF-1.7'], { type: 'application/pdf' });

function start(signal?: AbortSignal) {
  vi.stubGlobal('XMLHttpRequest', FakeXhr);
  const progress: number[] = [];
  const done = uploadToPresignedPost(upload, file, (f) => progress.push(f), signal);
  return { xhr: FakeXhr.last!, progress, done };
}

afterEach(() => {
  vi.unstubAllGlobals();
  FakeXhr.last = undefined;
});

describe('uploadToPresignedPost', () => {
  it('POSTs the presigned fields in order, then the file last, and reports progress up to 1', async () => {
    const { xhr, progress, done } = start();
    expect({ method: xhr.method, url: xhr.url }).toEqual({ method: 'POST', url: upload.url });
    expect([...xhr.sent!.keys()]).toEqual(['key', 'Policy', 'X-Amz-Signature', 'file']);
    expect(xhr.sent!.get('key')).toBe('kyc/c1/d1');
    expect(await (xhr.sent!.get('file') as Blob).text()).toBe('%PDF-1.7');

    xhr.progress(2, 8);
    xhr.progress(5, 8, false);
    xhr.progress(8, 8);
    xhr.answer(204);
    await expect(done).resolves.toBeUndefined();
    expect(progress).toEqual([0.25, 1, 1]);
  });

  it('fails with upload_failed and the status when storage refuses the file', async () => {
    const { xhr, progress, done } = start();
    xhr.answer(403);
    await expect(done).rejects.toThrow(ApiError);
    await expect(done).rejects.toMatchObject({ status: 403, code: 'upload_failed' });
    expect(progress).toEqual([]);
  });

  it('fails with network_error when nothing answers', async () => {
    const { xhr, done } = start();
    xhr.onerror!();
    await expect(done).rejects.toMatchObject({ status: 0, code: 'network_error' });
  });

  it('aborts the request when the signal fires and fails with upload_cancelled', async () => {
    const controller = new AbortController();
    const { xhr, done } = start(controller.signal);
    controller.abort();
    expect(xhr.aborted).toBe(true);
    await expect(done).rejects.toMatchObject({ status: 0, code: 'upload_cancelled' });
  });
});
