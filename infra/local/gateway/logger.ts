/** The logger the gateway writes to; Powertools' Logger and `console` both fit. */
export interface GatewayLogger {
  debug(message: string, details?: Record<string, unknown>): void;
  info(message: string, details?: Record<string, unknown>): void;
  warn(message: string, details?: Record<string, unknown>): void;
  error(message: string, details?: Record<string, unknown>): void;
}

const noop = () => {};

/** Default: warnings and errors to the console, nothing else. */
export const consoleLogger: GatewayLogger = {
  debug: noop,
  info: noop,
  warn: (message, details) => console.warn(`[dynamo-gateway] ${message}`, details ?? ''),
  error: (message, details) => console.error(`[dynamo-gateway] ${message}`, details ?? ''),
};

export const silentLogger: GatewayLogger = { debug: noop, info: noop, warn: noop, error: noop };
