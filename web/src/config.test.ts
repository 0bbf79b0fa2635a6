import { describe, expect, it, vi } from 'vitest';
import { ConfigLoadError, DEFAULT_API_URL, loadConfig } from './config';

const fetchReturning = (response: Response | Error) =>
  vi.fn<typeof fetch>(async () => {
    if (response instanceof Error) throw response;
    return response;
  });

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('loadConfig', () => {
  it('uses /config.json when the host serves a valid one', async () => {
    const fetchMock = fetchReturning(
      json({ apiUrl: 'https://api.example.com', cognito: { region: 'eu-west-1', userPoolId: 'p', userPoolClientId: 'c' } }),
    );

    const config = await loadConfig(fetchMock);

    expect(fetchMock.mock.calls[0]?.[0]).toBe('/config.json');
    expect(config).toMatchObject({ apiUrl: 'https://api.example.com', source: 'runtime' });
    expect(config.cognito?.userPoolClientId).toBe('c');
  });

  it.each([
    ['absent (404)', new Response('not found', { status: 404 })],
    ['the dev server SPA fallback (HTML)', new Response('<!doctype html>', { status: 200, headers: { 'content-type': 'text/html' } })],
    ['unreachable', new TypeError('Failed to fetch')],
  ])('falls back to the build default when /config.json is %s', async (_, response) => {
    const config = await loadConfig(fetchReturning(response));

    expect(config).toMatchObject({ apiUrl: import.meta.env.VITE_API_URL || DEFAULT_API_URL, source: 'env' });
  });

  it('refuses a /config.json that is served but invalid', async () => {
    const error = await loadConfig(fetchReturning(json({ apiUrl: 'not a url' }))).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ConfigLoadError);
    expect((error as ConfigLoadError).issues[0]).toMatch(/^apiUrl:/);
  });
});
