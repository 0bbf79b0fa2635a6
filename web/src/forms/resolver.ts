import type { TFunction } from 'i18next';
import type { FieldError, FieldErrors, FieldValues, Resolver } from 'react-hook-form';
import type * as z from 'zod';
import { tOr } from '../components/text';

/**
 * Form validation with the API's own zod schemas. Messages are not taken from zod (English, and
 * schema-level texts win over any per-parse error map); each issue is stored as a translation key
 * plus values, and rendered in the current language by {@link fieldError}, so switching language
 * re-translates errors already shown.
 */
export function zodResolver<S extends z.ZodType<FieldValues, FieldValues>>(
  schema: S,
  overrides: Partial<Record<string, ValidationKey>> = {},
): Resolver<z.input<S>, unknown, z.output<S>> {
  return async (values) => {
    const result = await schema.safeParseAsync(values);
    if (result.success) return { values: result.data, errors: {} };
    const errors: Record<string, FieldError> = {};
    for (const issue of result.error.issues) {
      const name = issue.path.join('.');
      if (errors[name]) continue; // the first problem of a field is the one to fix first
      const { key, values: params } = describe(issue, overrides[name]);
      errors[name] = { type: issue.code, message: encode(key, params) };
    }
    return { values: {}, errors: toNested(errors) as FieldErrors<z.input<S>> };
  };
}

export type ValidationKey =
  | 'required'
  | 'tooShort'
  | 'tooLong'
  | 'email'
  | 'format'
  | 'code'
  | 'choose'
  | 'invalid'
  | 'passwordLower'
  | 'passwordUpper'
  | 'passwordDigit'
  | 'passwordSymbol'
  | 'mismatch'
  | 'roleId'
  | 'targetPair'
  | 'dateOrder';

type Params = Record<string, string | number>;

function describe(issue: z.core.$ZodIssue, override: ValidationKey | undefined): { key: ValidationKey; values?: Params } {
  switch (issue.code) {
    case 'invalid_type':
      return { key: 'required' };
    case 'too_small':
      if (issue.origin === 'string' && Number(issue.minimum) <= 1) return { key: 'required' };
      return { key: override ?? 'tooShort', values: { min: Number(issue.minimum) } };
    case 'too_big':
      return { key: 'tooLong', values: { max: Number(issue.maximum) } };
    case 'invalid_format':
      if (issue.format === 'email') return { key: 'email' };
      return { key: override ?? 'format' };
    case 'invalid_value':
      return { key: 'choose' };
    case 'custom': {
      const rule = (issue.params as { rule?: string } | undefined)?.rule;
      if (rule === 'lower') return { key: 'passwordLower' };
      if (rule === 'upper') return { key: 'passwordUpper' };
      if (rule === 'digit') return { key: 'passwordDigit' };
      if (rule === 'symbol') return { key: 'passwordSymbol' };
      if (rule === 'mismatch') return { key: 'mismatch' };
      return { key: override ?? 'invalid' };
    }
    default:
      return { key: override ?? 'invalid' };
  }
}

const PREFIX = 'v:';

function encode(key: ValidationKey, values?: Params): string {
  return `${PREFIX}${key}${values ? `:${JSON.stringify(values)}` : ''}`;
}

/** RHF wants errors nested like the values (`a.b` → `{ a: { b } }`). */
function toNested(flat: Record<string, FieldError>): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const [path, error] of Object.entries(flat)) {
    const parts = path ? path.split('.') : ['root'];
    let node = root;
    parts.forEach((part, i) => {
      if (i === parts.length - 1) node[part] = error;
      else node = (node[part] ??= {}) as Record<string, unknown>;
    });
  }
  return root;
}

/** The translated message of a field error (ours, or a server-side one set with a plain message). */
export function fieldError(t: TFunction, error: { message?: string | undefined } | undefined): string | undefined {
  const message = error?.message;
  if (!message) return undefined;
  if (!message.startsWith(PREFIX)) return message;
  const rest = message.slice(PREFIX.length);
  const sep = rest.indexOf(':');
  const key = (sep === -1 ? rest : rest.slice(0, sep)) as ValidationKey;
  const raw = sep === -1 ? {} : (JSON.parse(rest.slice(sep + 1)) as Params);
  const values = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, String(v)]));
  return tOr(t, `validation.${key}`, t('validation.invalid'), values);
}

/** A server-side field error in the same encoded form, so it translates like a client-side one. */
export function validationMessage(key: ValidationKey, values?: Params): string {
  return encode(key, values);
}
