import * as z from 'zod';

/** Thrown at module load when the environment does not satisfy a module's schema. */
export class ConfigError extends Error {
  constructor(issues: string[]) {
    super(`Invalid environment: ${issues.join('; ')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Reads and validates the environment once, for the module that calls it at module scope.
 * The same code runs in Lambda and in the local twin; only these values differ.
 */
export function parseEnv<S extends z.ZodObject>(schema: S, env: NodeJS.ProcessEnv = process.env): z.infer<S> {
  const result = schema.safeParse(env);
  if (!result.success) {
    throw new ConfigError(result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  return result.data;
}

/** An optional endpoint override (the local twin's servers); absent in AWS. */
export const endpoint = z.url().optional();

export const csv = z
  .string()
  .transform((s) => s.split(',').map((v) => v.trim()).filter(Boolean));
