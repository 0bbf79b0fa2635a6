import { Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { mfaCodeInput } from '../../api/schemas';
import { FormDialog } from '../../components/Dialogs';
import { CodeField } from '../../components/fields';
import { FormAlert } from '../../components/FormAlert';
import { fieldError, zodResolver } from '../../forms/resolver';

/** Asks for a current authenticator code before a sensitive 2FA change (disable, new backup codes). */
export function CodeDialog({
  opened,
  title,
  body,
  confirmLabel,
  color,
  onClose,
  onConfirm,
}: {
  opened: boolean;
  title: string;
  body: string;
  confirmLabel: string;
  color?: string;
  onClose: () => void;
  onConfirm: (code: string) => Promise<unknown>;
}) {
  const { t } = useTranslation();
  const form = useForm({ resolver: zodResolver(mfaCodeInput, { code: 'code' }), defaultValues: { code: '' } });
  const submit = useMutation({
    mutationFn: onConfirm,
    onSuccess: () => close(),
    onError: () => {
      form.reset({ code: '' });
      form.setFocus('code');
    },
  });
  function close() {
    form.reset({ code: '' });
    submit.reset();
    onClose();
  }
  return (
    <FormDialog
      opened={opened}
      title={title}
      confirmLabel={confirmLabel}
      color={color}
      loading={submit.isPending}
      onSubmit={form.handleSubmit(({ code }) => submit.mutate(code))}
      onClose={close}
    >
      <Text size="sm">{body}</Text>
      <FormAlert error={submit.error} />
      <CodeField label={t('fields.totpCode')} required data-autofocus {...form.register('code')} error={fieldError(t, form.formState.errors.code)} />
    </FormDialog>
  );
}
