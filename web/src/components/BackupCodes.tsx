import { Alert, Button, Checkbox, CopyButton, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/** The text file offered for download: one code per line, with a heading that says what they are. */
export function backupCodesText(codes: readonly string[], heading: string): string {
  return `${heading}\n\n${codes.join('\n')}\n`;
}

function download(filename: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1_000);
}

/**
 * Backup codes, shown once: a grid of codes, download as .txt, copy, and a confirmation the user
 * must tick before going on (the API never shows them again).
 */
export function BackupCodes({ codes, onDone, doneLabel }: { codes: readonly string[]; onDone: () => void; doneLabel: string }) {
  const { t } = useTranslation();
  const [saved, setSaved] = useState(false);
  const text = backupCodesText(codes, t('backupCodes.fileHeading'));
  return (
    <Stack gap="md">
      <Alert color="yellow" variant="light" title={t('backupCodes.title')}>
        {t('backupCodes.intro')}
      </Alert>
      <SimpleGrid
        component="ol"
        cols={{ base: 1, xs: 2 }}
        spacing="xs"
        m={0}
        p={0}
        dir="ltr"
        aria-label={t('backupCodes.title')}
        data-testid="backup-codes"
        style={{ listStyle: 'none', fontFamily: 'ui-monospace, SFMono-Regular, Menlo, monospace' }}
      >
        {codes.map((code) => (
          <Text component="li" key={code} size="md" fw={600} ta="center" p={4} bg="gray.0" style={{ borderRadius: 4 }}>
            {code}
          </Text>
        ))}
      </SimpleGrid>
      <Group>
        <Button variant="light" onClick={() => download('cloudmanager-backup-codes.txt', text)}>
          {t('backupCodes.download')}
        </Button>
        <CopyButton value={text}>
          {({ copied, copy }) => (
            <Button variant="light" color={copied ? 'teal' : undefined} onClick={copy} aria-live="polite">
              {copied ? t('common.copied') : t('backupCodes.copy')}
            </Button>
          )}
        </CopyButton>
      </Group>
      <Checkbox checked={saved} onChange={(e) => setSaved(e.currentTarget.checked)} label={t('backupCodes.confirm')} />
      <Group>
        <Button onClick={onDone} disabled={!saved}>
          {doneLabel}
        </Button>
      </Group>
    </Stack>
  );
}
