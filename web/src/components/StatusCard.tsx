import { Alert, Anchor, Badge, Button, Card, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { isApiError } from '../api/client';
import { useAppConfig } from '../api/context';
import { useHealth } from '../api/queries';
import { paths } from '../app/nav';
import { DefinitionList, type Definition } from './DefinitionList';
import { errorMessage } from './errorMessage';

function DateTime({ iso, locale }: { iso: string; locale: string }) {
  const text = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'medium' }).format(new Date(iso));
  return <time dateTime={iso}>{text}</time>;
}

/**
 * Live answer of GET /health. `summary` (area homes) shows the essentials and links to the
 * status page; `full` (status page) shows everything and can re-check on demand.
 */
export function StatusCard({ variant, headingLevel = 2 }: { variant: 'summary' | 'full'; headingLevel?: 2 | 3 }) {
  const { t, i18n } = useTranslation();
  const config = useAppConfig();
  const query = useHealth();
  const locale = i18n.resolvedLanguage ?? 'en';
  const ms = new Intl.NumberFormat(locale, { style: 'unit', unit: 'millisecond', maximumFractionDigits: 0 });
  const up = query.isSuccess && !query.isError;

  let body;
  if (query.isPending) {
    body = (
      <Group gap="sm" role="status">
        <Loader size="sm" aria-hidden />
        <Text>{t('status.loading')}</Text>
      </Group>
    );
  } else if (query.isError) {
    const error = query.error;
    body = (
      <Alert color="red" variant="light" title={t('status.errorTitle')} role="alert">
        <Text size="sm">{errorMessage(t, error)}</Text>
        {isApiError(error) && (
          <Text size="sm" mt={4}>
            {t('status.errorCode')}: <code data-testid="health-error-code">{error.code}</code>
          </Text>
        )}
      </Alert>
    );
  } else {
    const { health, latencyMs, checkedAt } = query.data;
    const items: Definition[] = [
      { term: t('status.status'), value: <Badge color="green" variant="light" tt="none">{health.status}</Badge>, testId: 'health-status' },
      { term: t('status.stage'), value: <bdi>{health.stage}</bdi>, testId: 'health-stage' },
      { term: t('status.version'), value: <bdi>{health.version}</bdi>, testId: 'health-version' },
      { term: t('status.latency'), value: ms.format(latencyMs), testId: 'health-latency' },
    ];
    if (variant === 'full') {
      items.push(
        { term: t('status.serverTime'), value: <DateTime iso={health.time} locale={locale} />, testId: 'health-time' },
        { term: t('status.checkedAt'), value: <DateTime iso={checkedAt} locale={locale} /> },
        { term: t('status.apiUrl'), value: <bdi dir="ltr">{config.apiUrl}</bdi>, testId: 'api-url' },
        { term: t('status.configSource'), value: t(`status.sources.${config.source}`) },
      );
    }
    body = <DefinitionList items={items} />;
  }

  return (
    <Card withBorder radius="md" padding="lg" component="section" aria-labelledby={`status-card-${variant}`}>
      <Stack gap="md">
        <Group justify="space-between" wrap="nowrap">
          <Title order={headingLevel} size="h3" id={`status-card-${variant}`}>
            {t('status.cardTitle')}
          </Title>
          {!query.isPending && (
            <Badge color={up ? 'green' : 'red'} variant="filled" data-testid="health-badge">
              {up ? t('status.operational') : t('status.unavailable')}
            </Badge>
          )}
        </Group>
        {body}
        <Group justify="space-between">
          {variant === 'summary' ? (
            <Anchor component={Link} to={paths.status} size="sm">
              {t('status.details')}
            </Anchor>
          ) : (
            <Button variant="light" onClick={() => void query.refetch()} loading={query.isFetching}>
              {t('status.refresh')}
            </Button>
          )}
        </Group>
      </Stack>
    </Card>
  );
}
