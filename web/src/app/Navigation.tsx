import { NavLink, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { useGuardContext } from '../auth/Guarded';
import { mayOpen } from '../auth/guards';
import { navGroups, paths } from './nav';

function Item({ to, label }: { to: string; label: string }) {
  const { pathname } = useLocation();
  const exact = to === paths.home || to === paths.admin || to === paths.security;
  const active = exact ? pathname === to : pathname === to || pathname.startsWith(`${to}/`);
  return <NavLink component={Link} to={to} label={label} active={active} aria-current={active ? 'page' : undefined} />;
}

/** Only what the current user may open: guests see sign-in and registration, staff the desk, admins what their permissions allow. */
export function Navigation() {
  const { t } = useTranslation();
  const context = useGuardContext();
  const signedIn = context.session.status === 'signed_in';
  return (
    <Stack gap="md">
      {!signedIn && (
        <Stack gap={2}>
          <Item to={paths.home} label={t('nav.home')} />
        </Stack>
      )}
      {navGroups.map((group) => {
        const items = group.items.filter(
          (item) => (item.when !== 'mfaSetupRequired' || context.session.mfaSetupRequired) && mayOpen(item.guard, context),
        );
        if (items.length === 0) return null;
        return (
          <Stack key={group.id} gap={2} role="group" aria-labelledby={`nav-${group.id}`}>
            <Text id={`nav-${group.id}`} size="xs" fw={700} c="dimmed" tt="uppercase" px="sm">
              {t(`nav.groups.${group.id}`)}
            </Text>
            {items.map((item) => (
              <Item key={item.key} to={item.to} label={t(`nav.${item.key}`)} />
            ))}
          </Stack>
        );
      })}
    </Stack>
  );
}
