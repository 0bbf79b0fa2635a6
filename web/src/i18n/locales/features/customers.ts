import type { Widen } from '../en';

const en = {
  title: 'Customers',
} as const;

/** The customers feature's messages in every language (fr and ar must have exactly en's keys). */
export const customersMessages: { en: typeof en; fr: Widen<typeof en>; ar: Widen<typeof en> } = {
  en,
  fr: { title: 'Clients' },
  ar: { title: 'العملاء' },
};
