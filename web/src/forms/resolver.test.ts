import type { TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { mfaCodeInput, newPassword, registerInput } from '../api/schemas';
import { fieldError, validationMessage, zodResolver } from './resolver';

/** A stand-in t(): shows which key and values a message would be translated from. */
const t = ((key: string, options?: Record<string, unknown>) => {
  const { defaultValue: _ignored, ...values } = options ?? {};
  return Object.keys(values).length ? `${key} ${JSON.stringify(values)}` : key;
}) as unknown as TFunction;

const form = registerInput
  .omit({ locale: true })
  .extend({ password: newPassword, confirm: z.string() })
  .refine((v) => v.password === v.confirm, { path: ['confirm'], params: { rule: 'mismatch' } });

async function errorsOf<S extends z.ZodType<Record<string, unknown>, Record<string, unknown>>>(schema: S, values: Record<string, unknown>) {
  const result = await zodResolver(schema)(values as z.input<S>, undefined, { fields: {}, shouldUseNativeValidation: false });
  return Object.fromEntries(Object.entries(result.errors).map(([k, e]) => [k, fieldError(t, e as { message?: string })]));
}

describe('zodResolver (forms validated with the API schemas, messages translated)', () => {
  it('names the first problem of each field as a translation key with its values', async () => {
    expect(await errorsOf(form, { name: ' ', email: 'nope', password: 'short', confirm: '' })).toEqual({
      name: 'validation.required',
      email: 'validation.email',
      password: 'validation.tooShort {"min":"12"}',
      confirm: 'validation.mismatch',
    });
  });

  it('says which password rule is missing, then whether the two passwords match', async () => {
    const base = { name: 'Eve', email: 'eve@example.com' };
    expect(await errorsOf(form, { ...base, password: 'alllowercase12!', confirm: 'alllowercase12!' })).toEqual({ password: 'validation.passwordUpper' });
    expect(await errorsOf(form, { ...base, password: 'NoSymbolsHere12', confirm: 'NoSymbolsHere12' })).toEqual({ password: 'validation.passwordSymbol' });
    expect(await errorsOf(form, { ...base, password: 'Correct-Horse-42!', confirm: 'Correct-Horse-43!' })).toEqual({ confirm: 'validation.mismatch' });
  });

  it('passes the parsed (trimmed) values on success', async () => {
    const result = await zodResolver(form)(
      { name: '  Eve ', email: 'eve@example.com', password: 'Correct-Horse-42!', confirm: 'Correct-Horse-42!' },
      undefined,
      { fields: {}, shouldUseNativeValidation: false },
    );
    expect(result).toEqual({ values: { name: 'Eve', email: 'eve@example.com', password: 'Correct-Horse-42!', confirm: 'Correct-Horse-42!' }, errors: {} });
  });

  it('lets a form name the message of a format error (a six-digit code)', async () => {
    const result = await zodResolver(mfaCodeInput, { code: 'code' })({ code: '12ab' }, undefined, { fields: {}, shouldUseNativeValidation: false });
    expect(fieldError(t, result.errors.code)).toBe('validation.code');
  });

  it('translates server-side errors set in the same encoding, and passes plain messages through', () => {
    expect(fieldError(t, { message: validationMessage('targetPair') })).toBe('validation.targetPair');
    expect(fieldError(t, { message: 'Already taken' })).toBe('Already taken');
    expect(fieldError(t, undefined)).toBeUndefined();
  });
});
