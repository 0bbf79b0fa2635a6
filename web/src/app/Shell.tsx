import { Anchor, AppShell, Burger, Button, Group, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { useApi, useSession, useSessionStore } from '../api/context';
import { identityApi, useMe } from '../api/identity';
import { LanguageSwitcher } from '../components/LanguageSwitcher';
import { Navigation } from './Navigation';
import { AccountSwitcher } from '../portal/AccountSwitcher';
import { paths } from './nav';
import './shell.css';

/** Who is signed in, and the way out. Signing out always ends the local session, even if the API is unreachable. */
function UserMenu() {
  const { t } = useTranslation();
  const api = useApi();
  const store = useSessionStore();
  const session = useSession();
  const me = useMe();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const [busy, setBusy] = useState(false);
  if (session.status !== 'signed_in') {
    if (session.status === 'restoring' || pathname === paths.signIn) return null;
    return (
      <Button component={Link} to={paths.signIn} variant="light" size="sm" visibleFrom="xs">
        {t('nav.signIn')}
      </Button>
    );
  }
  const signOut = async () => {
    setBusy(true);
    try {
      await identityApi(api).signOut();
    } catch {
      // The session ends here regardless; the server side expires on its own.
    } finally {
      store.end('signed_out');
      setBusy(false);
      navigate(paths.signIn, { replace: true });
    }
  };
  return (
    <Group gap="sm" wrap="nowrap">
      {(session.profile || me.data) && (
        <Text size="sm" c="dimmed" visibleFrom="md" data-testid="signed-in-user" title={session.profile?.email}>
          <bdi>{session.profile?.name ?? session.profile?.email ?? me.data?.username}</bdi>
        </Text>
      )}
      <Button variant="default" size="sm" onClick={() => void signOut()} loading={busy}>
        {t('auth.signOut')}
      </Button>
    </Group>
  );
}

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
            <Text component="span" c="dimmed" size="sm" visibleFrom="lg">
              {t('app.tagline')}
            </Text>
          </Group>
          <Group gap="sm" wrap="nowrap">
            <AccountSwitcher />
            <UserMenu />
            <LanguageSwitcher />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar id="main-navigation" p="sm" aria-label={t('nav.label')} style={{ overflowY: 'auto' }}>
        <Navigation />
      </AppShell.Navbar>
      <AppShell.Main id="main" tabIndex={-1} ref={mainRef}>
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
