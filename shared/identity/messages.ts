import { sendEmail } from '../mail/send.js';

/**
 * The emails of the identity module (SES through shared/mail/send.ts; readable in the twin's SES
 * viewer), in English, French and Arabic. Codes appear on a line of their own so people (and
 * tests) can find them.
 */
type Lang = 'en' | 'fr' | 'ar';

function lang(locale: string | undefined): Lang {
  const base = (locale ?? 'en').slice(0, 2).toLowerCase();
  return base === 'fr' || base === 'ar' ? base : 'en';
}

interface Message {
  subject: string;
  lines: string[];
}

type Template<A> = Record<Lang, (args: A) => Message>;

const registrationCode: Template<{ code: string }> = {
  en: ({ code }) => ({ subject: 'Your CloudManager verification code', lines: ['Welcome to CloudManager. Your verification code is:', code, 'It is valid for 15 minutes.'] }),
  fr: ({ code }) => ({ subject: 'Votre code de vérification CloudManager', lines: ['Bienvenue sur CloudManager. Votre code de vérification :', code, 'Il est valable 15 minutes.'] }),
  ar: ({ code }) => ({ subject: 'رمز التحقق من CloudManager', lines: ['مرحبًا بك في CloudManager. رمز التحقق الخاص بك:', code, 'صالح لمدة 15 دقيقة.'] }),
};

const alreadyRegistered: Template<Record<string, never>> = {
  en: () => ({ subject: 'Someone tried to register with your address', lines: ['Someone tried to create a CloudManager account with this address, which already has one.', 'If it was you, sign in or reset your password. Otherwise, ignore this email.'] }),
  fr: () => ({ subject: "Tentative d'inscription avec votre adresse", lines: ["Quelqu'un a tenté de créer un compte CloudManager avec cette adresse, qui en possède déjà un.", "Si c'était vous, connectez-vous ou réinitialisez votre mot de passe. Sinon, ignorez ce message."] }),
  ar: () => ({ subject: 'محاولة تسجيل باستخدام عنوانك', lines: ['حاول شخص ما إنشاء حساب CloudManager بهذا العنوان، وهو مسجّل بالفعل.', 'إن كنت أنت، فسجّل الدخول أو أعد تعيين كلمة المرور. وإلا فتجاهل هذه الرسالة.'] }),
};

const resetCode: Template<{ code: string }> = {
  en: ({ code }) => ({ subject: 'Reset your CloudManager password', lines: ['Your password reset code is:', code, 'It is valid for 15 minutes. If you did not ask for it, ignore this email.'] }),
  fr: ({ code }) => ({ subject: 'Réinitialisation de votre mot de passe CloudManager', lines: ['Votre code de réinitialisation :', code, "Il est valable 15 minutes. Si vous n'avez rien demandé, ignorez ce message."] }),
  ar: ({ code }) => ({ subject: 'إعادة تعيين كلمة مرور CloudManager', lines: ['رمز إعادة التعيين الخاص بك:', code, 'صالح لمدة 15 دقيقة. إن لم تطلبه فتجاهل هذه الرسالة.'] }),
};

const emailChangeCode: Template<{ code: string }> = {
  en: ({ code }) => ({ subject: 'Confirm your new CloudManager address', lines: ['Your code to confirm this address is:', code, 'It is valid for 15 minutes.'] }),
  fr: ({ code }) => ({ subject: 'Confirmez votre nouvelle adresse CloudManager', lines: ['Votre code de confirmation de cette adresse :', code, 'Il est valable 15 minutes.'] }),
  ar: ({ code }) => ({ subject: 'تأكيد عنوانك الجديد في CloudManager', lines: ['رمز تأكيد هذا العنوان:', code, 'صالح لمدة 15 دقيقة.'] }),
};

const addressTaken: Template<Record<string, never>> = {
  en: () => ({ subject: 'Someone tried to use your address', lines: ['Someone asked to move their CloudManager account to this address, which already has an account. Nothing was changed.'] }),
  fr: () => ({ subject: 'Tentative d’utilisation de votre adresse', lines: ["Quelqu'un a demandé à déplacer son compte CloudManager vers cette adresse, qui possède déjà un compte. Rien n'a été modifié."] }),
  ar: () => ({ subject: 'محاولة استخدام عنوانك', lines: ['طلب شخص ما نقل حسابه في CloudManager إلى هذا العنوان، وهو مرتبط بحساب آخر. لم يتغيّر شيء.'] }),
};

export type SecurityNotice = 'password_changed' | 'email_changed' | 'mfa_enabled' | 'mfa_disabled' | 'backup_code_used' | 'backup_codes_regenerated';

const noticeText: Record<SecurityNotice, Record<Lang, [string, string]>> = {
  password_changed: {
    en: ['Your CloudManager password was changed', 'Your password was changed and your other sessions were signed out.'],
    fr: ['Votre mot de passe CloudManager a été modifié', 'Votre mot de passe a été modifié et vos autres sessions ont été fermées.'],
    ar: ['تم تغيير كلمة مرور CloudManager', 'تم تغيير كلمة المرور وتسجيل الخروج من جلساتك الأخرى.'],
  },
  email_changed: {
    en: ['Your CloudManager address was changed', 'Your account now uses a different email address.'],
    fr: ['Votre adresse CloudManager a été modifiée', 'Votre compte utilise désormais une autre adresse e-mail.'],
    ar: ['تم تغيير عنوان بريدك في CloudManager', 'أصبح حسابك يستخدم عنوان بريد إلكتروني آخر.'],
  },
  mfa_enabled: {
    en: ['Two-factor authentication is on', 'Two-factor authentication was turned on for your account.'],
    fr: ['Double authentification activée', 'La double authentification a été activée sur votre compte.'],
    ar: ['تم تفعيل المصادقة الثنائية', 'تم تفعيل المصادقة الثنائية لحسابك.'],
  },
  mfa_disabled: {
    en: ['Two-factor authentication is off', 'Two-factor authentication was turned off for your account.'],
    fr: ['Double authentification désactivée', 'La double authentification a été désactivée sur votre compte.'],
    ar: ['تم إيقاف المصادقة الثنائية', 'تم إيقاف المصادقة الثنائية لحسابك.'],
  },
  backup_code_used: {
    en: ['A backup code was used', 'You signed in with a backup code, so two-factor authentication is now off. Set it up again.'],
    fr: ['Un code de secours a été utilisé', 'Vous vous êtes connecté avec un code de secours : la double authentification est désactivée. Configurez-la à nouveau.'],
    ar: ['تم استخدام رمز احتياطي', 'سجّلت الدخول برمز احتياطي، لذا أُوقفت المصادقة الثنائية. أعد إعدادها.'],
  },
  backup_codes_regenerated: {
    en: ['New backup codes', 'New backup codes were generated; the old ones no longer work.'],
    fr: ['Nouveaux codes de secours', 'De nouveaux codes de secours ont été générés ; les anciens ne fonctionnent plus.'],
    ar: ['رموز احتياطية جديدة', 'تم إنشاء رموز احتياطية جديدة؛ ولم تعد الرموز القديمة صالحة.'],
  },
};

const footer: Record<Lang, string> = {
  en: 'If this was not you, reset your password and contact support.',
  fr: "Si ce n'était pas vous, réinitialisez votre mot de passe et contactez le support.",
  ar: 'إن لم تكن أنت، فأعد تعيين كلمة المرور وتواصل مع الدعم.',
};

async function send(to: string, message: Message): Promise<void> {
  await sendEmail({ to, subject: message.subject, text: `${message.lines.join('\n\n')}\n` });
}

export const mail = {
  registrationCode: (to: string, code: string, locale?: string) => send(to, registrationCode[lang(locale)]({ code })),
  alreadyRegistered: (to: string, locale?: string) => send(to, alreadyRegistered[lang(locale)]({})),
  resetCode: (to: string, code: string, locale?: string) => send(to, resetCode[lang(locale)]({ code })),
  emailChangeCode: (to: string, code: string, locale?: string) => send(to, emailChangeCode[lang(locale)]({ code })),
  addressTaken: (to: string, locale?: string) => send(to, addressTaken[lang(locale)]({})),
  notice: (to: string, notice: SecurityNotice, locale?: string) => {
    const [subject, body] = noticeText[notice][lang(locale)];
    return send(to, { subject, lines: [body, footer[lang(locale)]] });
  },
};
