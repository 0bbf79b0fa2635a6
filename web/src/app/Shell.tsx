import { Anchor, AppShell, Burger, Group, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation } from 'react-router';
import { LanguageSwitcher } from '../components/LanguageSwitcher';
import { Navigation } from './Navigation';
import { paths } from './nav';
import './shell.css';

/** Header + navbar + main landmarks around every page. The navbar sits on the inline start side, so on the right in RTL. */
export function Shell() {
  const { t } = useTranslation();
  const [opened, { toggle, close }] = useDisclosure(false);
  const { pathname } = useLocation();
  const mainRef = useRef<HTMLElement>(null);
  const firstRender = useRef(true);
  useEffect(() => {
    close();
    // After a client-side navigation, start keyboard and screen-reader users at the new content.
    if (firstRender.current) firstRender.current = false;
    else mainRef.current?.focus();
  }, [pathname, close]);

  return (
    <AppShell header={{ height: 60 }} navbar={{ width: 260, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="md">
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-controls="main-navigation"
              aria-expanded={opened}
              aria-label={opened ? t('header.closeNavigation') : t('header.openNavigation')}
            />
            <Anchor component={Link} to={paths.home} underline="never" c="inherit" aria-label={t('header.homeLink')}>
              <Text component="span" fw={700} size="lg">
                {t('app.name')}
              </Text>
            </Anchor>
            <Text component="span" c="dimmed" size="sm" visibleFrom="md">
              {t('app.tagline')}
            </Text>
          </Group>
          <LanguageSwitcher />
        </Group>
      </AppShell.Header>
      <AppShell.Navbar id="main-navigation" p="sm" aria-label={t('nav.label')}>
        <Navigation />
      </AppShell.Navbar>
      <AppShell.Main id="main" tabIndex={-1} ref={mainRef}>
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
