import { afterEach, describe, expect, it, vi } from 'vitest';
import * as z from 'zod';
import { health } from '../../../shared/system/schemas';
import { ApiError, createApiClient } from './client';

const okHealth = { status: 'ok', service: 'cloudmanager-api', stage: 'test', version: '1.2.3', time: '2030-01-02T03:04:05.000Z' };

function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}) {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
}

/** Stubs the global fetch and returns the mock, so each test can read what was sent. */
function stubFetch(response: Response | Error) {
  const fetchMock = vi.fn<typeof fetch>(async () => {
    if (response instanceof Error) throw response;
    return response;
  });
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

async function rejectionOf(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('api client', () => {
  it('parses a successful response with the shared zod schema', async () => {
    // Prepare
    const fetchMock = stubFetch(jsonResponse(200, okHealth));
    const api = createApiClient({ baseUrl: 'http://api.test/' });

    // Act
    const result = await api.get('/health', health);

    // Assess
    expect(result).toEqual(okHealth);
    expect(fetchMock).toHaveBeenCalledOnce();
    const [url, init] = fetchMock.mock.calls[0]!;
    expect(url).toBe('http://api.test/health');
    expect(init?.method).toBe('GET');
    expect(init?.headers).toEqual({ accept: 'application/json' });
  });

  it('turns the API error body into a typed ApiError', async () => {
    const details = [{ path: 'name', message: 'Too short', code: 'too_small' }];
    stubFetch(
      jsonResponse(400, { error: { code: 'validation_failed', message: 'Request validation failed', details } }, {
        'x-request-id': 'req-1',
      }),
    );
    const api = createApiClient({ baseUrl: 'http://api.test' });

    const error = await rejectionOf(api.get('/health', health));

    expect(error.status).toBe(400);
    expect(error.code).toBe('validation_failed');
    expect(error.message).toBe('Request validation failed');
    expect(error.details).toEqual(details);
    expect(error.requestId).toBe('req-1');
  });

  it('keeps the request id of a 500 from its body', async () => {
    stubFetch(jsonResponse(500, { error: { code: 'internal_error', message: 'Internal error', requestId: 'req-9' } }));
    const api = createApiClient({ baseUrl: 'http://api.test' });

    const error = await rejectionOf(api.get('/health', health));

    expect(error).toMatchObject({ status: 500, code: 'internal_error', message: 'Internal error', requestId: 'req-9' });
  });

  it('reports an error response without our error body (e.g. a gateway page) as http_error', async () => {
    stubFetch(new Response('<html>Bad gateway</html>', { status: 502, statusText: 'Bad Gateway' }));
    const api = createApiClient({ baseUrl: 'http://api.test' });

    const error = await rejectionOf(api.get('/health', health));

    expect(error).toMatchObject({ status: 502, code: 'http_error', message: 'HTTP 502 Bad Gateway' });
    expect(error.details).toBeUndefined();
  });

  it('rejects a 2xx response that does not match its schema, with the zod issues as details', async () => {
    stubFetch(jsonResponse(200, { ...okHealth, status: 'degraded', time: 'yesterday' }));
    const api = createApiClient({ baseUrl: 'http://api.test' });

    const error = await rejectionOf(api.get('/health', health));

    expect(error.status).toBe(200);
    expect(error.code).toBe('invalid_response');
    expect(error.message).toBe('Response of GET /health does not match its schema');
    const paths = (error.details as { path: string }[]).map((d) => d.path).sort();
    expect(paths).toEqual(['status', 'time']);
  });

  it('rejects a 2xx response that is not JSON', async () => {
    stubFetch(new Response('<!doctype html>', { status: 200, headers: { 'content-type': 'text/html' } }));
    const api = createApiClient({ baseUrl: 'http://api.test' });

    const error = await rejectionOf(api.get('/health', health));

    expect(error).toMatchObject({ status: 200, code: 'invalid_response' });
  });

  it('reports a transport failure as network_error with status 0', async () => {
    stubFetch(new TypeError('Failed to fetch'));
    const api = createApiClient({ baseUrl: 'http://api.test' });

    const error = await rejectionOf(api.get('/health', health));

    expect(error).toMatchObject({ status: 0, code: 'network_error', message: 'Failed to fetch' });
  });

  it('sends the bearer token and a JSON body', async () => {
    const fetchMock = stubFetch(jsonResponse(200, { saved: true }));
    const api = createApiClient({ baseUrl: 'http://api.test', getToken: async () => 'token-1' });

    const result = await api.put('/settings/organisation', { name: 'Acme' }, z.object({ saved: z.boolean() }));

    expect(result).toEqual({ saved: true });
    const [, init] = fetchMock.mock.calls[0]!;
    expect(init?.method).toBe('PUT');
    expect(init?.body).toBe('{"name":"Acme"}');
    expect(init?.headers).toEqual({
      accept: 'application/json',
      'content-type': 'application/json',
      authorization: 'Bearer token-1',
    });
  });
});
