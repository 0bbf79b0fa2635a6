import { useTranslation } from 'react-i18next';

/** A timestamp in the reader's language, as a <time> element carrying the exact ISO value. */
export function DateTime({ iso, style = 'medium' }: { iso: string | null | undefined; style?: 'short' | 'medium' }) {
  const { i18n } = useTranslation();
  if (!iso) return <>—</>;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return <bdi>{iso}</bdi>;
  const text = new Intl.DateTimeFormat(i18n.resolvedLanguage ?? 'en', { dateStyle: style, timeStyle: 'short' }).format(date);
  return (
    <time dateTime={iso} title={iso}>
      {text}
    </time>
  );
}
