import { NavLink, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { areas, paths } from './nav';

function Item({ to, label }: { to: string; label: string }) {
  const { pathname } = useLocation();
  const active = to === paths.home ? pathname === to : pathname === to || pathname.startsWith(`${to}/`);
  return <NavLink component={Link} to={to} label={label} active={active} aria-current={active ? 'page' : undefined} />;
}

export function Navigation() {
  const { t } = useTranslation();
  return (
    <Stack gap="md">
      <Stack gap={2}>
        <Item to={paths.home} label={t('nav.home')} />
      </Stack>
      <Stack gap={2} role="group" aria-labelledby="nav-areas">
        <Text id="nav-areas" size="xs" fw={700} c="dimmed" tt="uppercase" px="sm">
          {t('nav.areas')}
        </Text>
        {areas.map((area) => (
          <Item key={area} to={paths[area]} label={t(`nav.${area}`)} />
        ))}
      </Stack>
      <Stack gap={2} role="group" aria-labelledby="nav-system">
        <Text id="nav-system" size="xs" fw={700} c="dimmed" tt="uppercase" px="sm">
          {t('nav.system')}
        </Text>
        <Item to={paths.status} label={t('nav.status')} />
      </Stack>
    </Stack>
  );
}
