/** English: the reference catalogue; fr and ar must have exactly the same keys (checked by tsc). */
export const en = {
  app: {
    name: 'CloudManager',
    tagline: 'Back office and customer portal',
    skipToContent: 'Skip to main content',
  },
  header: {
    language: 'Language',
    openNavigation: 'Open navigation',
    closeNavigation: 'Close navigation',
    homeLink: 'CloudManager home',
  },
  languages: { en: 'English', fr: 'Français', ar: 'العربية' },
  nav: {
    label: 'Main navigation',
    areas: 'Areas',
    system: 'System',
    home: 'Home',
    portal: 'Customer portal',
    desk: 'Service desk',
    admin: 'Administration',
    status: 'System status',
  },
  landing: {
    title: 'Welcome to CloudManager',
    intro: 'Choose the area you work in.',
    open: 'Open',
  },
  areas: {
    portal: {
      title: 'Customer portal',
      summary: 'For customers: account, quotes, orders, invoices and support tickets.',
      welcome: 'Welcome to the customer portal',
      body: 'This is where customers manage their account, follow quotes and orders, pay invoices and open support tickets.',
    },
    desk: {
      title: 'Service desk',
      summary: 'For staff: tickets under SLA, customers, attendance and work time.',
      welcome: 'Welcome to the service desk',
      body: 'This is where agents and technicians answer tickets under SLA, look after customers and log attendance and work time.',
    },
    admin: {
      title: 'Administration',
      summary: 'For administrators: settings, users and roles, reports and the audit trail.',
      welcome: 'Welcome to administration',
      body: 'This is where administrators change the organisation settings, manage users and roles, and read reports and the audit trail.',
    },
  },
  status: {
    title: 'System status',
    intro: 'Live answer of the API health check, refreshed every 30 seconds.',
    cardTitle: 'API status',
    operational: 'Operational',
    unavailable: 'Unavailable',
    status: 'Status',
    stage: 'Stage',
    version: 'Version',
    serverTime: 'Server time',
    latency: 'API latency',
    checkedAt: 'Last checked',
    apiUrl: 'API address',
    configSource: 'Configuration',
    sources: { runtime: 'Runtime (/config.json)', env: 'Build default' },
    loading: 'Checking the API…',
    errorTitle: 'The API could not be reached',
    errorCode: 'Error code',
    refresh: 'Check again',
    details: 'View system status',
  },
  errors: {
    network_error: 'The server could not be reached. Check your connection and try again.',
    http_error: 'The server answered with an unexpected error.',
    invalid_response: 'The server sent an answer this application does not understand.',
    unknown: 'Something went wrong.',
  },
  notFound: {
    title: 'Page not found',
    body: 'There is nothing at this address.',
    home: 'Back to home',
  },
  fatal: {
    configTitle: 'The application is misconfigured',
    configBody: 'The configuration file served with this application is invalid. Please contact your administrator.',
  },
} as const;

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
/** The shape every catalogue must have. */
export type Messages = Widen<typeof en>;
