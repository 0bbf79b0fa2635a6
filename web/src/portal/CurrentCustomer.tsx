import { useQuery } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { myAccounts, type MyAccount } from '../../../shared/contacts/my-accounts';
import { useApi } from '../api/context';
import { useMe } from '../api/identity';

const STORAGE_KEY = 'cloudmanager.customer';

export interface CurrentCustomer {
  /** Every account the signed-in customer user acts for. */
  accounts: MyAccount[];
  /** The account the portal shows; the stored choice if still valid, else the first. */
  current: MyAccount | undefined;
  setCurrent: (customerId: string) => void;
  isLoading: boolean;
  error: unknown;
}

const Context = createContext<CurrentCustomer | null>(null);

export const myAccountsKey = ['me', 'customers'] as const;

function readStored(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

/** Loads GET /me/customers for a signed-in customer and remembers which account the portal shows. */
export function CurrentCustomerProvider({ children }: { children: ReactNode }) {
  const api = useApi();
  const me = useMe();
  const enabled = me.data?.isStaff === false;
  const [chosen, setChosen] = useState<string | null>(readStored);
  const query = useQuery({
    queryKey: [...myAccountsKey, me.data?.userId ?? null],
    queryFn: ({ signal }) => api.get('/me/customers', myAccounts, { signal }),
    enabled,
  });
  const setCurrent = useCallback((customerId: string) => {
    setChosen(customerId);
    try {
      localStorage.setItem(STORAGE_KEY, customerId);
    } catch {
      // Storage may be disabled; the choice then lasts for this page only.
    }
  }, []);
  const value = useMemo<CurrentCustomer>(() => {
    const accounts = query.data?.items ?? [];
    const current = accounts.find((a) => a.customerId === chosen) ?? accounts[0];
    return { accounts, current, setCurrent, isLoading: enabled && query.isPending, error: query.error };
  }, [query.data, query.isPending, query.error, chosen, setCurrent, enabled]);
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

export function useCurrentCustomer(): CurrentCustomer {
  const value = useContext(Context);
  if (!value) throw new Error('useCurrentCustomer outside CurrentCustomerProvider');
  return value;
}
