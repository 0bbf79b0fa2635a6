import { Anchor, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { paths } from '../app/nav';
import { PageHeader } from './PageHeader';

export function NotFound() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('notFound.title')} lead={t('notFound.body')} />
      <Text>
        <Anchor component={Link} to={paths.home}>
          {t('notFound.home')}
        </Anchor>
      </Text>
    </>
  );
}
