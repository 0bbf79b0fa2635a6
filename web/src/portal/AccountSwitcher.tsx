import { Select, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useMe } from '../api/identity';
import { useCurrentCustomer } from './CurrentCustomer';

/**
 * The header's customer-account switcher: nothing for staff or when signed out, the account's name
 * for a customer acting for one account, a select for one acting for several.
 */
export function AccountSwitcher() {
  const { t } = useTranslation();
  const me = useMe();
  const { accounts, current, setCurrent } = useCurrentCustomer();
  if (!me.data || me.data.isStaff || !current) return null;
  if (accounts.length < 2) {
    return (
      <Text size="sm" fw={500} visibleFrom="sm" aria-label={t('contacts.switcher.current', { name: current.name })} data-testid="account-switcher">
        <bdi>{current.name}</bdi>
      </Text>
    );
  }
  return (
    <Select
      aria-label={t('contacts.switcher.label')}
      data-testid="account-switcher"
      size="xs"
      w={200}
      allowDeselect={false}
      checkIconPosition="right"
      value={current.customerId}
      onChange={(value) => value && setCurrent(value)}
      data={accounts.map((a) => ({ value: a.customerId, label: a.name }))}
      comboboxProps={{ withinPortal: true }}
    />
  );
}
