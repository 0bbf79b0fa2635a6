/** Domain errors: each carries an HTTP status and a stable machine-readable code. */
export interface ErrorDetail {
  path?: string;
  message: string;
  code?: string;
}

export class AppError extends Error {
  readonly expose: boolean;
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly details?: ErrorDetail[] | Record<string, unknown>,
    readonly headers?: Record<string, string>,
    expose?: boolean,
  ) {
    super(message);
    this.name = 'AppError';
    this.expose = expose ?? statusCode < 500;
  }
}

export class NotFoundError extends AppError {
  constructor(message = 'Not found') {
    super(404, 'not_found', message);
  }
}

export class MethodNotAllowedError extends AppError {
  constructor(allowed: string[]) {
    super(405, 'method_not_allowed', 'Method not allowed', { allowed }, { allow: allowed.join(', ') });
  }
}

export class ValidationError extends AppError {
  constructor(details: ErrorDetail[], message = 'Request validation failed') {
    super(400, 'validation_failed', message, details);
  }
}

export class InvalidJsonError extends AppError {
  constructor() {
    super(400, 'invalid_json', 'Request body is not valid JSON');
  }
}

export class PayloadTooLargeError extends AppError {
  constructor(limit: number) {
    super(413, 'payload_too_large', `Request body exceeds ${limit} bytes`, { limit });
  }
}

export class UnsupportedMediaTypeError extends AppError {
  constructor() {
    super(415, 'unsupported_media_type', 'Request body must be application/json');
  }
}

export class UnauthorizedError extends AppError {
  constructor(code: 'unauthorized' | 'token_expired' = 'unauthorized', message = 'Authentication required') {
    super(401, code, message, undefined, { 'www-authenticate': 'Bearer' });
  }
}

export class ForbiddenError extends AppError {
  constructor(message = 'You do not have permission to do this') {
    super(403, 'forbidden', message);
  }
}

export class ConflictError extends AppError {
  constructor(code = 'conflict', message = 'The resource changed; reload and try again', details?: Record<string, unknown>) {
    super(409, code, message, details);
  }
}

export class ServiceUnavailableError extends AppError {
  constructor(code: string, message: string) {
    super(503, code, message, undefined, { 'retry-after': '5' }, true);
  }
}
