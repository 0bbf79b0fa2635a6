import { PasswordInput } from '@mantine/core';
import type { FieldValues, Path, UseFormReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { NewPasswordField } from '../components/fields';
import { fieldError } from './resolver';

/** A new password (with the policy checklist) and its repetition in the form's `confirm` field. */
export function NewPasswordFields<T extends FieldValues>({
  form,
  name,
  label,
}: {
  /** Any resolver context and output. */
  form: UseFormReturn<T, any, any>;
  name: Path<T>;
  label: string;
}) {
  const { t } = useTranslation();
  const confirm = 'confirm' as Path<T>;
  return (
    <>
      <NewPasswordField
        label={label}
        required
        value={form.watch(name)}
        {...form.register(name)}
        error={fieldError(t, form.getFieldState(name, form.formState).error)}
      />
      <PasswordInput
        label={t('fields.confirmPassword')}
        autoComplete="new-password"
        required
        {...form.register(confirm)}
        error={fieldError(t, form.getFieldState(confirm, form.formState).error)}
      />
    </>
  );
}
