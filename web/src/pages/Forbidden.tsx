import { Anchor, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { paths } from '../app/nav';
import { PageHeader } from './PageHeader';

/** A signed-in user opened a page their role does not include (or their profile could not be read). */
export function Forbidden({ failed = false }: { failed?: boolean }) {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={failed ? t('forbidden.failedTitle') : t('forbidden.title')} lead={failed ? t('forbidden.failedBody') : t('forbidden.body')} />
      <Text>
        <Anchor component={Link} to={paths.home}>
          {t('notFound.home')}
        </Anchor>
      </Text>
    </>
  );
}
