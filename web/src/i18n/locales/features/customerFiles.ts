import type { Widen } from '../en';

const en = {
  title: 'Notes and documents',
} as const;

/** The customerFiles feature's messages in every language (fr and ar must have exactly en's keys). */
export const customerFilesMessages: { en: typeof en; fr: Widen<typeof en>; ar: Widen<typeof en> } = {
  en,
  fr: { title: 'Notes et documents' },
  ar: { title: 'الملاحظات والمستندات' },
};
