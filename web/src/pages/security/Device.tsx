import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { describeUserAgent } from '../../components/text';

/** The browser and system of a user agent, the raw string as its tooltip. */
export function Device({ ua }: { ua: string | null | undefined }) {
  const { t } = useTranslation();
  const { browser, os } = describeUserAgent(ua);
  const text = browser && os ? t('security.device', { browser, os }) : (browser ?? os ?? t('security.unknownDevice'));
  return (
    <Text size="sm" title={ua ?? undefined} span>
      {text}
    </Text>
  );
}
