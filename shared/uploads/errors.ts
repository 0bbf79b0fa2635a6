import { AppError } from '../errors.js';

export class FileTooLargeError extends AppError {
  constructor(maxBytes: number) {
    super(413, 'file_too_large', `Files may be at most ${Math.floor(maxBytes / 1024 / 1024)} MB`, { maxBytes });
  }
}

export class FileTypeNotAllowedError extends AppError {
  constructor(allowed: readonly string[]) {
    super(415, 'file_type_not_allowed', `Only these file types are accepted: ${allowed.join(', ')}`, { allowed });
  }
}
