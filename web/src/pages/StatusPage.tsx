import { useTranslation } from 'react-i18next';
import { StatusCard } from '../components/StatusCard';
import { PageHeader } from './PageHeader';

export function StatusPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('status.title')} lead={t('status.intro')} />
      <StatusCard variant="full" />
    </>
  );
}
