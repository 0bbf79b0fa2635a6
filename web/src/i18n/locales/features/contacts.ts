import type { Widen } from '../en';

const en = {
  title: 'Contacts',
} as const;

/** The contacts feature's messages in every language (fr and ar must have exactly en's keys). */
export const contactsMessages: { en: typeof en; fr: Widen<typeof en>; ar: Widen<typeof en> } = {
  en,
  fr: { title: 'Contacts' },
  ar: { title: 'جهات الاتصال' },
};
