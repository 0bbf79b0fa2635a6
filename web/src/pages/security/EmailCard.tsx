import { Alert, Anchor, Button, Group, Stack, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/context';
import { identityApi } from '../../api/identity';
import { changeEmailInput, verifyEmailChangeInput } from '../../api/schemas';
import { CodeField } from '../../components/fields';
import { FormAlert, FormSuccess } from '../../components/FormAlert';
import { fieldError, zodResolver } from '../../forms/resolver';
import { SecurityCard } from './SecurityCard';

/** Change email: the new address, then the code emailed to it. */
export function EmailCard() {
  const { t } = useTranslation();
  const api = identityApi(useApi());
  const queryClient = useQueryClient();
  const [pendingEmail, setPendingEmail] = useState<string | undefined>();
  const request = useForm({ resolver: zodResolver(changeEmailInput), defaultValues: { newEmail: '' } });
  const verify = useForm({ resolver: zodResolver(verifyEmailChangeInput, { code: 'code' }), defaultValues: { code: '' } });
  const change = useMutation({
    mutationFn: (values: { newEmail: string }) => api.changeEmail(values),
    onSuccess: (_r, { newEmail }) => setPendingEmail(newEmail),
  });
  const confirm = useMutation({
    mutationFn: (values: { code: string }) => api.verifyEmailChange(values),
    onSuccess: () => {
      setPendingEmail(undefined);
      request.reset();
      verify.reset();
      void queryClient.invalidateQueries({ queryKey: ['me'] });
    },
  });
  return (
    <SecurityCard id="sec-email" title={t('security.email.title')}>
      {pendingEmail ? (
        <form noValidate onSubmit={verify.handleSubmit((values) => confirm.mutate(values))}>
          <Stack gap="md" maw={420}>
            <Alert color="blue" variant="light" role="status">
              {t('security.email.sent', { email: pendingEmail })}
            </Alert>
            <FormAlert error={confirm.error} />
            <CodeField kind="email" label={t('fields.emailCode')} required {...verify.register('code')} error={fieldError(t, verify.formState.errors.code)} />
            <Group>
              <Button type="submit" loading={confirm.isPending}>
                {t('security.email.verify')}
              </Button>
              <Anchor component="button" type="button" size="sm" onClick={() => setPendingEmail(undefined)}>
                {t('common.cancel')}
              </Anchor>
            </Group>
          </Stack>
        </form>
      ) : (
        <form noValidate onSubmit={request.handleSubmit((values) => change.mutate(values))}>
          <Stack gap="md" maw={420}>
            {confirm.isSuccess && <FormSuccess>{t('security.email.done')}</FormSuccess>}
            <FormAlert error={change.error} />
            <TextInput
              label={t('fields.newEmail')}
              description={t('security.email.hint')}
              type="email"
              autoComplete="email"
              dir="ltr"
              required
              {...request.register('newEmail')}
              error={fieldError(t, request.formState.errors.newEmail)}
            />
            <Group>
              <Button type="submit" loading={change.isPending}>
                {t('security.email.submit')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </SecurityCard>
  );
}
