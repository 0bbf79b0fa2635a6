import { Alert, Container, MantineProvider } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { theme } from './theme';

/** Shown instead of the app when it cannot start (an invalid /config.json). */
export function FatalError() {
  const { t } = useTranslation();
  return (
    <MantineProvider theme={theme} defaultColorScheme="light">
      <Container component="main" size="sm" py="xl">
        <Alert color="red" title={t('fatal.configTitle')} role="alert">
          {t('fatal.configBody')}
        </Alert>
      </Container>
    </MantineProvider>
  );
}
