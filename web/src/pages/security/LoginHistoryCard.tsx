import { useTranslation } from 'react-i18next';
import { useLoginHistory } from '../../api/identity';
import { CursorPager, useCursorPages } from '../../components/CursorPager';
import { Loaded } from '../../components/Pending';
import { LoginEventsTable } from './LoginEventsTable';
import { SecurityCard } from './SecurityCard';

/** The user's own sign-in attempts, newest first. */
export function LoginHistoryCard() {
  const { t } = useTranslation();
  const pages = useCursorPages();
  const history = useLoginHistory(pages.cursor);
  return (
    <SecurityCard id="sec-history" title={t('security.history.title')}>
      <Loaded query={history}>
        {(data) => (
          <>
            <LoginEventsTable items={data.items} caption={t('security.history.caption')} />
            <CursorPager pages={pages} nextCursor={data.nextCursor} loading={history.isFetching} />
          </>
        )}
      </Loaded>
    </SecurityCard>
  );
}
