import { Center, Loader, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router';
import { useSession } from '../api/context';
import { useMe } from '../api/identity';
import { Forbidden } from '../pages/Forbidden';
import { decide, type Guard, type GuardContext } from './guards';

/** The inputs of every guard decision, from the session, /me and the location. */
export function useGuardContext(): GuardContext & { meFailed: boolean } {
  const session = useSession();
  const me = useMe();
  const { pathname, search } = useLocation();
  return { session, me: me.data, location: `${pathname}${search}`, meFailed: me.isError };
}

/** Renders its page only when the guard allows; otherwise waits, redirects or says "forbidden". */
export function Guarded({ guard, children }: { guard: Guard; children: ReactNode }) {
  const { t } = useTranslation();
  const context = useGuardContext();
  const decision = decide(guard, context);
  switch (decision.kind) {
    case 'allow':
      return children;
    case 'redirect':
      return <Navigate to={decision.to} replace />;
    case 'forbidden':
      return <Forbidden />;
    case 'wait':
      if (context.meFailed) return <Forbidden failed />;
      return (
        <Center py="xl" role="status">
          <Loader size="sm" aria-hidden me="sm" />
          <Text>{t('auth.checking')}</Text>
        </Center>
      );
  }
}
