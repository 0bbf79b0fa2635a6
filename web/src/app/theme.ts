import { createTheme } from '@mantine/core';

export const theme = createTheme({
  primaryColor: 'indigo',
  /** Focus rings on keyboard focus only (:focus-visible), on every Mantine control. */
  focusRing: 'auto',
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Noto Sans Arabic", "DejaVu Sans", sans-serif',
});
