import { DirectionProvider, MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useState } from 'react';
import { RouterProvider } from 'react-router';
import { isApiError } from '../api/client';
import { ApiProvider } from '../api/context';
import type { AppConfig } from '../config';
import { currentLanguage, directionOf } from '../i18n';
import { router } from './routes';
import { CurrentCustomerProvider } from '../portal/CurrentCustomer';
import { theme } from './theme';

/** Client errors (4xx) and broken responses will not heal by retrying; transport and 5xx errors may. */
function shouldRetry(failureCount: number, error: unknown): boolean {
  if (isApiError(error) && error.status >= 400 && error.status < 500) return false;
  if (isApiError(error) && error.code === 'invalid_response') return false;
  return failureCount < 2;
}

export function App({ config }: { config: AppConfig }) {
  const [queryClient] = useState(
    () => new QueryClient({ defaultOptions: { queries: { retry: shouldRetry, staleTime: 10_000 } } }),
  );
  return (
    <DirectionProvider initialDirection={directionOf(currentLanguage())} detectDirection>
      <MantineProvider theme={theme} defaultColorScheme="light">
        <QueryClientProvider client={queryClient}>
          <ApiProvider config={config}>
            <CurrentCustomerProvider>
              <RouterProvider router={router} />
            </CurrentCustomerProvider>
          </ApiProvider>
        </QueryClientProvider>
      </MantineProvider>
    </DirectionProvider>
  );
}
