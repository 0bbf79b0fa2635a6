import type { TFunction } from 'i18next';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { estimateHeight } from '../components/tickets/MailFrame';
import { en } from '../i18n/locales/en';
import { mailMessages } from '../i18n/locales/features/mail';
import { ApiError, createApiClient } from './client';
import { detailPaths, mailApi, translateMailError, unknownTokens } from './mail';

const t = ((key: string) => `T(${key})`) as unknown as TFunction;

describe('translateMailError', () => {
  it('translates the mail codes and keeps status, details and request id', () => {
    const error = new ApiError(409, 'already_suppressed', 'exists', { email: 'a@b.c' }, 'req-1');
    const translated = translateMailError(t, error) as ApiError;
    expect(translated.message).toBe('T(mail.errors.already_suppressed)');
    expect([translated.status, translated.details, translated.requestId]).toEqual([409, { email: 'a@b.c' }, 'req-1']);
  });

  it('passes other errors through unchanged', () => {
    const other = new ApiError(500, 'internal_error', 'boom');
    expect(translateMailError(t, other)).toBe(other);
    const plain = new Error('x');
    expect(translateMailError(t, plain)).toBe(plain);
  });
});

describe('detailPaths', () => {
  it('maps validation details to field paths, first code per path', () => {
    const error = new ApiError(400, 'validation_failed', 'bad', [
      { path: 'mailboxes.0.groupId', message: 'x', code: 'unknown_group' },
      { path: 'mailboxes.0.groupId', message: 'y', code: 'other' },
      { path: 'mailboxes.1.address', message: 'Same address as mailbox 1' },
    ]);
    expect(detailPaths(error)).toEqual({ 'mailboxes.0.groupId': 'unknown_group', 'mailboxes.1.address': 'Same address as mailbox 1' });
    expect(detailPaths(new ApiError(409, 'conflict', 'stale'))).toEqual({});
  });
});

describe('unknownTokens', () => {
  it('lists each token the event does not provide, once, whitespace-tolerant', () => {
    expect(unknownTokens('Hi {{ contact_name }}, {{bogus}} {{bogus}} {{__proto__}} {{#each x}}', ['contact_name'])).toEqual(['bogus', '__proto__', '#each x']);
    expect(unknownTokens('No tokens', [])).toEqual([]);
  });
});

describe('estimateHeight', () => {
  it('stays within bounds and grows with content', () => {
    expect(estimateHeight('<p>Hi</p>')).toBe(120);
    expect(estimateHeight(`<p>${'word '.repeat(5000)}</p>`)).toBe(640);
    expect(estimateHeight('<p>a</p>'.repeat(10))).toBeGreaterThan(estimateHeight('<p>a</p>'));
  });
});

describe('mail catalogue', () => {
  it('has the same keys in fr and ar as in en, none empty', () => {
    const keys = (o: object, prefix = ''): string[] =>
      Object.entries(o).flatMap(([k, v]) => (typeof v === 'string' ? [`${prefix}${k}`] : keys(v as object, `${prefix}${k}.`)));
    const expected = keys(mailMessages.en).sort();
    for (const lang of ['fr', 'ar'] as const) {
      expect(keys(mailMessages[lang]).sort()).toEqual(expected);
      for (const k of keys(mailMessages[lang])) expect(k.split('.').reduce<any>((o, p) => o[p], mailMessages[lang]), k).toMatch(/\S/);
    }
    expect(en.mail).toBe(mailMessages.en);
  });
});

describe('mailApi', () => {
  afterEach(() => vi.unstubAllGlobals());

  const respond = (status: number, body?: unknown) =>
    vi.fn<typeof fetch>(async () => new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } }));

  it('removes a suppression with the address encoded in the path', async () => {
    const fetchMock = respond(204);
    vi.stubGlobal('fetch', fetchMock);
    await mailApi(createApiClient({ baseUrl: 'https://api.test' })).removeSuppression('a+b@example.com');
    const [url, init] = fetchMock.mock.calls[0]!;
    expect(new URL(String(url)).pathname).toBe('/mail/suppressions/a%2Bb%40example.com');
    expect(init?.method).toBe('DELETE');
  });

  it('asks for one review kind with a cursor', async () => {
    const fetchMock = respond(200, { items: [], cursor: null });
    vi.stubGlobal('fetch', fetchMock);
    await mailApi(createApiClient({ baseUrl: 'https://api.test' })).review('quarantined', 'c1');
    const url = new URL(String(fetchMock.mock.calls[0]![0]));
    expect(url.pathname).toBe('/mail/review');
    expect(Object.fromEntries(url.searchParams)).toEqual({ kind: 'quarantined', cursor: 'c1', limit: '25' });
  });

  it('previews unsaved template texts with a POST', async () => {
    const fetchMock = respond(200, { subject: 'S', text: 'T', html: '<p>H</p>' });
    vi.stubGlobal('fetch', fetchMock);
    const rendered = await mailApi(createApiClient({ baseUrl: 'https://api.test' })).previewTemplate('ticket_received', 'ar', { subject: 's', body: 'b' });
    expect(rendered.html).toBe('<p>H</p>');
    const [url, init] = fetchMock.mock.calls[0]!;
    expect(new URL(String(url)).pathname).toBe('/mail-templates/ticket_received/ar/preview');
    expect([init?.method, JSON.parse(String(init?.body))]).toEqual(['POST', { subject: 's', body: 'b' }]);
  });

  it('gets the original message link of a ticket message', async () => {
    const fetchMock = respond(200, { url: 'https://s3.test/raw.eml', expiresAt: '2026-11-21T10:05:00.000Z' });
    vi.stubGlobal('fetch', fetchMock);
    const link = await mailApi(createApiClient({ baseUrl: 'https://api.test' })).original('t1', 'm1');
    expect(link.url).toBe('https://s3.test/raw.eml');
    expect(new URL(String(fetchMock.mock.calls[0]![0])).pathname).toBe('/tickets/t1/messages/m1/original');
  });
});
