import { Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';

/** The page's one <h1>, an optional lead paragraph, and the document title to match. */
export function PageHeader({ title, lead }: { title: string; lead?: string }) {
  const { t } = useTranslation();
  useDocumentTitle(`${title} · ${t('app.name')}`);
  return (
    <Stack gap={4} mb="lg">
      {/* Titles can carry user text (a mail subject with a long URL): wrap rather than overflow. */}
      <Title order={1} style={{ overflowWrap: 'anywhere' }}>
        {title}
      </Title>
      {lead && <Text c="dimmed">{lead}</Text>}
    </Stack>
  );
}
