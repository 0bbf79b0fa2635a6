import { NativeSelect } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { currentLanguage, isLanguage, languages, QUERY_PARAM } from '../i18n';

/** Switches the UI language; the choice is stored (see i18n), and a `?lang=` that would contradict it is dropped. */
export function LanguageSwitcher() {
  const { t, i18n } = useTranslation();
  const [searchParams, setSearchParams] = useSearchParams();

  const onChange = (value: string) => {
    if (!isLanguage(value)) return;
    void i18n.changeLanguage(value);
    if (searchParams.has(QUERY_PARAM)) {
      const next = new URLSearchParams(searchParams);
      next.delete(QUERY_PARAM);
      setSearchParams(next, { replace: true });
    }
  };

  return (
    <NativeSelect
      aria-label={t('header.language')}
      size="sm"
      w={130}
      value={currentLanguage()}
      onChange={(event) => onChange(event.currentTarget.value)}
      data={languages.map((lng) => ({ value: lng, label: t(`languages.${lng}`) }))}
    />
  );
}
