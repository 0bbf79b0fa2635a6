import type { Widen } from '../en';

const en = {
  title: 'Identity verification',
} as const;

/** The kyc feature's messages in every language (fr and ar must have exactly en's keys). */
export const kycMessages: { en: typeof en; fr: Widen<typeof en>; ar: Widen<typeof en> } = {
  en,
  fr: { title: 'Vérification d’identité' },
  ar: { title: 'التحقق من الهوية' },
};
