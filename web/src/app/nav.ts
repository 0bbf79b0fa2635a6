/** The app's top-level destinations, shared by the navbar, the landing page and the router. */
export const areas = ['portal', 'desk', 'admin'] as const;
export type Area = (typeof areas)[number];

export const paths = {
  home: '/',
  portal: '/portal',
  desk: '/desk',
  admin: '/admin',
  status: '/status',
} as const;
