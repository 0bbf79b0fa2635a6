import { Alert, Badge, Button, Group, Stack, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useApi } from '../../api/context';
import { identityApi, queryKeys, useMfaStatus } from '../../api/identity';
import { authPaths } from '../../auth/guards';
import { BackupCodes } from '../../components/BackupCodes';
import { FormAlert, FormSuccess } from '../../components/FormAlert';
import { Pending } from '../../components/Pending';
import { CodeDialog } from './CodeDialog';
import { SecurityCard } from './SecurityCard';

/** Two-factor authentication: its state, new backup codes, turning it off. */
export function TwoFactorCard() {
  const { t } = useTranslation();
  const api = identityApi(useApi());
  const queryClient = useQueryClient();
  const status = useMfaStatus();
  const [dialog, setDialog] = useState<'disable' | 'regenerate' | undefined>();
  const [codes, setCodes] = useState<string[] | undefined>();
  const [disabled, setDisabled] = useState(false);
  const refresh = () => queryClient.invalidateQueries({ queryKey: queryKeys.mfa });

  let body;
  if (status.isPending) body = <Pending />;
  else if (status.isError) body = <FormAlert error={status.error} />;
  else if (codes) {
    body = <BackupCodes codes={codes} doneLabel={t('common.done')} onDone={() => setCodes(undefined)} />;
  } else if (status.data.enrolled) {
    body = (
      <Stack gap="sm">
        <Group gap="sm">
          <Badge color="green" variant="light" data-testid="mfa-status">
            {t('security.mfa.on')}
          </Badge>
          <Text size="sm">{t('security.mfa.backupRemaining', { count: status.data.backupCodesRemaining })}</Text>
        </Group>
        {status.data.backupCodesRemaining <= 3 && (
          <Alert color="orange" variant="light">
            {t('security.mfa.backupLow')}
          </Alert>
        )}
        <Group>
          <Button variant="light" onClick={() => setDialog('regenerate')}>
            {t('security.mfa.regenerate')}
          </Button>
          <Button variant="light" color="red" onClick={() => setDialog('disable')}>
            {t('security.mfa.disable')}
          </Button>
        </Group>
      </Stack>
    );
  } else {
    body = (
      <Stack gap="sm">
        {disabled && <FormSuccess>{t('security.mfa.disabledDone')}</FormSuccess>}
        <Group gap="sm">
          <Badge color="gray" variant="light" data-testid="mfa-status">
            {t('security.mfa.off')}
          </Badge>
          <Text size="sm">{t('security.mfa.offBody')}</Text>
        </Group>
        <Group>
          <Button component={Link} to={authPaths.mfaSetup}>
            {t('security.mfa.enable')}
          </Button>
        </Group>
      </Stack>
    );
  }

  return (
    <SecurityCard id="sec-2fa" title={t('security.mfa.title')}>
      {body}
      <CodeDialog
        opened={dialog === 'disable'}
        title={t('security.mfa.disableTitle')}
        body={t('security.mfa.disableBody')}
        confirmLabel={t('security.mfa.disable')}
        color="red"
        onClose={() => setDialog(undefined)}
        onConfirm={async (code) => {
          await api.mfaDisable(code);
          setDisabled(true);
          await refresh();
        }}
      />
      <CodeDialog
        opened={dialog === 'regenerate'}
        title={t('security.mfa.regenerateTitle')}
        body={t('security.mfa.regenerateBody')}
        confirmLabel={t('security.mfa.regenerate')}
        onClose={() => setDialog(undefined)}
        onConfirm={async (code) => {
          const result = await api.regenerateBackupCodes(code);
          setCodes(result.backupCodes);
          await refresh();
        }}
      />
    </SecurityCard>
  );
}
