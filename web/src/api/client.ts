import * as z from 'zod';
import { errorBody } from '../../../shared/http/error-body';

/** Codes the client itself produces when the API gave no error body to read. */
export type ClientErrorCode = 'network_error' | 'http_error' | 'invalid_response';

/** Every failed call rejects with this: an API error body, a transport failure, or a response that breaks its schema. */
export class ApiError extends Error {
  constructor(
    /** HTTP status; 0 when no response arrived. */
    readonly status: number,
    /** The API's stable code (`not_found`, `version_conflict`, ...) or a {@link ClientErrorCode}. */
    readonly code: string,
    message: string,
    readonly details?: unknown,
    readonly requestId?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

export interface ApiClientOptions {
  baseUrl: string;
  /** Bearer token for authenticated routes (Cognito access token); none for public ones. */
  getToken?: () => string | undefined | Promise<string | undefined>;
  /** Defaults to the global fetch, looked up at call time. */
  fetch?: typeof fetch;
  /**
   * Told about every 401/403 of a call that carried a token (expired or revoked session, disabled
   * account, TOTP not set up). Answer `retry` (e.g. after refreshing the token) to send the call
   * once more; anything else lets the error through to the caller.
   */
  onAuthError?: (error: ApiError) => Promise<'retry' | 'fail'> | 'retry' | 'fail';
}

export interface RequestOptions {
  signal?: AbortSignal;
  /** Send no bearer token and skip `onAuthError` (sign-in, registration, refresh: public routes). */
  anonymous?: boolean;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface ApiClient {
  readonly baseUrl: string;
  get<S extends z.ZodType>(path: string, schema: S, options?: RequestOptions): Promise<z.output<S>>;
  put<S extends z.ZodType>(path: string, body: unknown, schema: S, options?: RequestOptions): Promise<z.output<S>>;
  post<S extends z.ZodType>(path: string, body: unknown, schema: S, options?: RequestOptions): Promise<z.output<S>>;
  patch<S extends z.ZodType>(path: string, body: unknown, schema: S, options?: RequestOptions): Promise<z.output<S>>;
  delete<S extends z.ZodType>(path: string, schema: S, options?: RequestOptions): Promise<z.output<S>>;
  request<S extends z.ZodType>(
    method: Method,
    path: string,
    schema: S,
    options?: RequestOptions & { body?: unknown },
  ): Promise<z.output<S>>;
}

function issuesOf(error: z.ZodError) {
  return error.issues.map((i) => ({ path: i.path.join('.'), message: i.message, code: i.code }));
}

async function readJson(response: Response): Promise<{ ok: true; value: unknown } | { ok: false }> {
  const text = await response.text();
  if (!text) return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

/** Turns a non-2xx response into an ApiError, keeping the API's code when the body has one. */
async function toApiError(response: Response): Promise<ApiError> {
  const headerRequestId = response.headers.get('x-request-id') ?? undefined;
  const json = await readJson(response);
  const parsed = json.ok ? errorBody.safeParse(json.value) : undefined;
  if (parsed?.success) {
    const { code, message, details, requestId } = parsed.data.error;
    return new ApiError(response.status, code, message, details, requestId ?? headerRequestId);
  }
  const reason = response.statusText ? ` ${response.statusText}` : '';
  return new ApiError(response.status, 'http_error', `HTTP ${response.status}${reason}`, undefined, headerRequestId);
}

export function createApiClient(options: ApiClientOptions): ApiClient {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');

  async function request<S extends z.ZodType>(
    method: Method,
    path: string,
    schema: S,
    opts: RequestOptions & { body?: unknown } = {},
  ): Promise<z.output<S>> {
    try {
      return await send(method, path, schema, opts);
    } catch (error) {
      const retry =
        !opts.anonymous &&
        options.onAuthError &&
        isApiError(error) &&
        (error.status === 401 || error.status === 403) &&
        (await options.onAuthError(error)) === 'retry';
      if (!retry) throw error;
      return send(method, path, schema, opts);
    }
  }

  async function send<S extends z.ZodType>(
    method: Method,
    path: string,
    schema: S,
    { body, signal, anonymous }: RequestOptions & { body?: unknown },
  ): Promise<z.output<S>> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const token = anonymous ? undefined : await options.getToken?.();
    if (token) headers.authorization = `Bearer ${token}`;

    const doFetch = options.fetch ?? globalThis.fetch;
    let response: Response;
    try {
      response = await doFetch(`${baseUrl}${path}`, {
        method,
        headers,
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        ...(signal ? { signal } : {}),
      });
    } catch (error) {
      if (signal?.aborted) throw error;
      const message = error instanceof Error ? error.message : String(error);
      throw new ApiError(0, 'network_error', message);
    }

    if (!response.ok) throw await toApiError(response);

    const requestId = response.headers.get('x-request-id') ?? undefined;
    const json = await readJson(response);
    if (!json.ok) {
      throw new ApiError(response.status, 'invalid_response', 'Response body is not valid JSON', undefined, requestId);
    }
    const parsed = schema.safeParse(json.value);
    if (!parsed.success) {
      throw new ApiError(
        response.status,
        'invalid_response',
        `Response of ${method} ${path} does not match its schema`,
        issuesOf(parsed.error),
        requestId,
      );
    }
    return parsed.data;
  }

  return {
    baseUrl,
    request,
    get: (path, schema, opts) => request('GET', path, schema, opts),
    put: (path, body, schema, opts) => request('PUT', path, schema, { ...opts, body }),
    post: (path, body, schema, opts) => request('POST', path, schema, { ...opts, body }),
    patch: (path, body, schema, opts) => request('PATCH', path, schema, { ...opts, body }),
    delete: (path, schema, opts) => request('DELETE', path, schema, opts),
  };
}
