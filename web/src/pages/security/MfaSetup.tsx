import { Alert, Anchor, Button, Card, Center, CopyButton, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { QRCodeSVG } from 'qrcode.react';
import { useEffect, useRef, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useApi, useSession, useSessionStore } from '../../api/context';
import { identityApi, queryKeys, useMfaStatus } from '../../api/identity';
import { mfaCodeInput, type MfaSetup as MfaSecret } from '../../api/schemas';
import { BackupCodes } from '../../components/BackupCodes';
import { CodeField } from '../../components/fields';
import { FormAlert } from '../../components/FormAlert';
import { fieldError, zodResolver } from '../../forms/resolver';
import { PageHeader } from '../PageHeader';

/** `ABCD EFGH IJKL ...`: easier to type from the screen. */
export function groupKey(secret: string): string {
  return secret.replace(/\s+/g, '').replace(/(.{4})(?=.)/g, '$1 ');
}

/**
 * TOTP enrolment: the QR code and the manual key, one code from the app to confirm, then the ten
 * backup codes, shown once. Staff without TOTP can reach nothing else until this is done.
 */
export function MfaSetupPage() {
  const { t } = useTranslation();
  const api = identityApi(useApi());
  const store = useSessionStore();
  const { mfaSetupRequired } = useSession();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const status = useMfaStatus();
  const [codes, setCodes] = useState<string[] | undefined>();
  const setup = useMutation({ mutationFn: () => api.mfaSetup() });
  const started = useRef(false);
  const enrolled = status.data?.enrolled === true && !codes;

  // Start once the status says there is nothing enrolled (a ref: StrictMode runs effects twice).
  useEffect(() => {
    if (started.current || status.data?.enrolled !== false) return;
    started.current = true;
    setup.mutate();
  }, [status.data?.enrolled, setup]);

  const finish = () => {
    store.mfaEnrolled();
    void queryClient.invalidateQueries({ queryKey: queryKeys.mfa });
    void queryClient.invalidateQueries({ queryKey: ['me'] });
    navigate('/', { replace: true });
  };

  let body;
  if (codes) {
    body = <BackupCodes codes={codes} onDone={finish} doneLabel={t('mfaSetup.done')} />;
  } else if (status.isError) {
    body = <FormAlert error={status.error} />;
  } else if (enrolled) {
    body = (
      <Stack>
        <Alert color="green" variant="light" role="status">
          {t('mfaSetup.alreadyEnrolled')}
        </Alert>
        <Anchor component={Link} to="/security">
          {t('mfaSetup.toSecurity')}
        </Anchor>
      </Stack>
    );
  } else if (setup.isError) {
    body = (
      <Stack>
        <FormAlert error={setup.error} />
        <Group>
          <Button onClick={() => setup.mutate()}>{t('common.retry')}</Button>
        </Group>
      </Stack>
    );
  } else if (setup.data) {
    body = <Enrol secret={setup.data} onVerified={(backupCodes) => setCodes(backupCodes)} />;
  } else {
    body = (
      <Center py="lg" role="status">
        <Loader size="sm" aria-hidden me="sm" />
        <Text>{t('mfaSetup.preparing')}</Text>
      </Center>
    );
  }

  return (
    <>
      <PageHeader title={t('mfaSetup.title')} lead={t('mfaSetup.lead')} />
      <Stack gap="md" maw={720}>
        {params.get('reason') === 'backup-code' && (
          <Alert color="orange" variant="light" role="status">
            {t('mfaSetup.afterBackupCode')}
          </Alert>
        )}
        {mfaSetupRequired && !codes && (
          <Alert color="blue" variant="light" role="status" data-testid="mfa-required-notice">
            {t('mfaSetup.required')}
          </Alert>
        )}
        <Card withBorder radius="md" padding="lg">
          {body}
        </Card>
      </Stack>
    </>
  );
}

function Enrol({ secret, onVerified }: { secret: MfaSecret; onVerified: (codes: string[]) => void }) {
  const { t } = useTranslation();
  const api = identityApi(useApi());
  const form = useForm({ resolver: zodResolver(mfaCodeInput, { code: 'code' }), defaultValues: { code: '' } });
  const verify = useMutation({
    mutationFn: (code: string) => api.mfaVerify(code),
    onSuccess: (result) => onVerified(result.backupCodes),
    onError: () => {
      form.reset({ code: '' });
      form.setFocus('code');
    },
  });
  return (
    <Stack gap="lg">
      <section aria-labelledby="mfa-step-scan">
        <Title order={2} size="h4" id="mfa-step-scan" mb="xs">
          {t('mfaSetup.step1')}
        </Title>
        <Text size="sm" mb="sm">
          {t('mfaSetup.scan')}
        </Text>
        <Center>
          <div style={{ background: 'white', padding: 12, borderRadius: 8, border: '1px solid var(--mantine-color-gray-3)' }}>
            <QRCodeSVG value={secret.otpauthUri} size={200} marginSize={0} title={t('mfaSetup.qrLabel')} role="img" aria-label={t('mfaSetup.qrLabel')} data-testid="totp-qr" />
          </div>
        </Center>
      </section>
      <section aria-labelledby="mfa-step-key">
        <Title order={2} size="h4" id="mfa-step-key" mb="xs">
          {t('mfaSetup.manualTitle')}
        </Title>
        <Text size="sm" mb="xs">
          {t('mfaSetup.manual')}
        </Text>
        <Group gap="sm" wrap="nowrap">
          <Text
            component="code"
            dir="ltr"
            fw={600}
            data-testid="totp-secret"
            style={{ fontFamily: 'ui-monospace, SFMono-Regular, Menlo, monospace', overflowWrap: 'anywhere' }}
          >
            {groupKey(secret.secret)}
          </Text>
          <CopyButton value={secret.secret}>
            {({ copied, copy }) => (
              <Button size="xs" variant="light" color={copied ? 'teal' : undefined} onClick={copy} aria-live="polite">
                {copied ? t('common.copied') : t('mfaSetup.copyKey')}
              </Button>
            )}
          </CopyButton>
        </Group>
      </section>
      <section aria-labelledby="mfa-step-verify">
        <Title order={2} size="h4" id="mfa-step-verify" mb="xs">
          {t('mfaSetup.step2')}
        </Title>
        <form noValidate onSubmit={form.handleSubmit(({ code }) => verify.mutate(code))}>
          <Stack gap="sm" maw={320}>
            <FormAlert error={verify.error} />
            <CodeField label={t('fields.totpCode')} required {...form.register('code')} error={fieldError(t, form.formState.errors.code)} />
            <Group>
              <Button type="submit" loading={verify.isPending}>
                {t('mfaSetup.verify')}
              </Button>
            </Group>
          </Stack>
        </form>
      </section>
    </Stack>
  );
}
