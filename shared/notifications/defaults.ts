import type { TemplateEvent, TemplateLanguage } from './events.js';

export interface TemplateText {
  subject: string;
  body: string;
}

/** The built-in texts. The subject gets ` [#<number>]` appended when sent about a ticket. */
export const defaultTemplates: Record<TemplateEvent, Record<TemplateLanguage, TemplateText>> = {
  ticket_received: {
    en: {
      subject: 'We received your request: {{ticket_subject}}',
      body: 'Hello {{contact_name}},\n\nThank you for contacting {{company_name}}. Your request was registered as ticket #{{ticket_number}}: "{{ticket_subject}}".\n\nWe will get back to you as soon as possible. To add information, simply reply to this email.',
    },
    fr: {
      subject: 'Nous avons bien reçu votre demande : {{ticket_subject}}',
      body: 'Bonjour {{contact_name}},\n\nMerci d’avoir contacté {{company_name}}. Votre demande a été enregistrée sous le ticket n° {{ticket_number}} : « {{ticket_subject}} ».\n\nNous vous répondrons dès que possible. Pour ajouter des informations, répondez simplement à cet e-mail.',
    },
    ar: {
      subject: 'تلقّينا طلبك: {{ticket_subject}}',
      body: 'مرحبًا {{contact_name}}،\n\nشكرًا لتواصلك مع {{company_name}}. تم تسجيل طلبك في التذكرة رقم {{ticket_number}}: «{{ticket_subject}}».\n\nسنعود إليك في أقرب وقت ممكن. لإضافة معلومات، يكفي الرد على هذه الرسالة.',
    },
  },
  agent_reply: {
    en: {
      subject: 'Re: {{ticket_subject}}',
      body: 'Hello {{contact_name}},\n\n{{agent_name}} replied to your ticket #{{ticket_number}}:\n\n{{reply_body}}\n\nTo answer, simply reply to this email.',
    },
    fr: {
      subject: 'Re : {{ticket_subject}}',
      body: 'Bonjour {{contact_name}},\n\n{{agent_name}} a répondu à votre ticket n° {{ticket_number}} :\n\n{{reply_body}}\n\nPour répondre, répondez simplement à cet e-mail.',
    },
    ar: {
      subject: 'رد: {{ticket_subject}}',
      body: 'مرحبًا {{contact_name}}،\n\nردّ {{agent_name}} على تذكرتك رقم {{ticket_number}}:\n\n{{reply_body}}\n\nللإجابة، يكفي الرد على هذه الرسالة.',
    },
  },
  customer_reply: {
    en: {
      subject: 'Customer reply: {{ticket_subject}}',
      body: 'Hello {{recipient_name}},\n\n{{contact_name}} ({{customer_name}}) replied on ticket #{{ticket_number}}:\n\n{{reply_body}}',
    },
    fr: {
      subject: 'Réponse du client : {{ticket_subject}}',
      body: 'Bonjour {{recipient_name}},\n\n{{contact_name}} ({{customer_name}}) a répondu sur le ticket n° {{ticket_number}} :\n\n{{reply_body}}',
    },
    ar: {
      subject: 'رد العميل: {{ticket_subject}}',
      body: 'مرحبًا {{recipient_name}}،\n\nردّ {{contact_name}} ({{customer_name}}) على التذكرة رقم {{ticket_number}}:\n\n{{reply_body}}',
    },
  },
  status_changed: {
    en: {
      subject: 'Ticket #{{ticket_number}} is now {{status}}',
      body: 'Hello {{recipient_name}},\n\nThe status of ticket #{{ticket_number}} "{{ticket_subject}}" changed from {{old_status}} to {{status}}.\n\nIf something is still not right, simply reply to this email.',
    },
    fr: {
      subject: 'Le ticket n° {{ticket_number}} est maintenant : {{status}}',
      body: 'Bonjour {{recipient_name}},\n\nLe statut du ticket n° {{ticket_number}} « {{ticket_subject}} » est passé de {{old_status}} à {{status}}.\n\nSi quelque chose ne va toujours pas, répondez simplement à cet e-mail.',
    },
    ar: {
      subject: 'حالة التذكرة رقم {{ticket_number}} الآن: {{status}}',
      body: 'مرحبًا {{recipient_name}}،\n\nتغيّرت حالة التذكرة رقم {{ticket_number}} «{{ticket_subject}}» من {{old_status}} إلى {{status}}.\n\nإذا كان هناك ما لا يزال غير صحيح، يكفي الرد على هذه الرسالة.',
    },
  },
  assigned: {
    en: {
      subject: 'Ticket #{{ticket_number}} assigned to {{assignee_name}}',
      body: 'Hello {{recipient_name}},\n\nTicket #{{ticket_number}} "{{ticket_subject}}" ({{customer_name}}) is now assigned to {{assignee_name}}.',
    },
    fr: {
      subject: 'Ticket n° {{ticket_number}} attribué à {{assignee_name}}',
      body: 'Bonjour {{recipient_name}},\n\nLe ticket n° {{ticket_number}} « {{ticket_subject}} » ({{customer_name}}) est maintenant attribué à {{assignee_name}}.',
    },
    ar: {
      subject: 'أُسندت التذكرة رقم {{ticket_number}} إلى {{assignee_name}}',
      body: 'مرحبًا {{recipient_name}}،\n\nأصبحت التذكرة رقم {{ticket_number}} «{{ticket_subject}}» ({{customer_name}}) مسندة الآن إلى {{assignee_name}}.',
    },
  },
  mention: {
    en: {
      subject: '{{agent_name}} mentioned you on ticket #{{ticket_number}}',
      body: 'Hello {{recipient_name}},\n\n{{agent_name}} mentioned you in an internal note on ticket #{{ticket_number}} "{{ticket_subject}}":\n\n{{mention_excerpt}}\n\nThis note is internal: it is not shown to the customer.',
    },
    fr: {
      subject: '{{agent_name}} vous a mentionné sur le ticket n° {{ticket_number}}',
      body: 'Bonjour {{recipient_name}},\n\n{{agent_name}} vous a mentionné dans une note interne du ticket n° {{ticket_number}} « {{ticket_subject}} » :\n\n{{mention_excerpt}}\n\nCette note est interne : elle n’est pas visible par le client.',
    },
    ar: {
      subject: 'أشار إليك {{agent_name}} في التذكرة رقم {{ticket_number}}',
      body: 'مرحبًا {{recipient_name}}،\n\nأشار إليك {{agent_name}} في ملاحظة داخلية على التذكرة رقم {{ticket_number}} «{{ticket_subject}}»:\n\n{{mention_excerpt}}\n\nهذه الملاحظة داخلية: لا تظهر للعميل.',
    },
  },
  sender_rejected: {
    en: {
      subject: 'Your message could not be accepted: {{original_subject}}',
      body: 'Hello {{contact_name}},\n\nWe could not accept your message "{{original_subject}}": {{company_name}} only accepts requests from registered contacts. Please use the customer portal or ask your account owner to invite you.',
    },
    fr: {
      subject: 'Votre message n’a pas pu être accepté : {{original_subject}}',
      body: 'Bonjour {{contact_name}},\n\nNous n’avons pas pu accepter votre message « {{original_subject}} » : {{company_name}} n’accepte que les demandes des contacts enregistrés. Veuillez utiliser le portail client ou demander au responsable de votre compte de vous inviter.',
    },
    ar: {
      subject: 'تعذّر قبول رسالتك: {{original_subject}}',
      body: 'مرحبًا {{contact_name}}،\n\nتعذّر علينا قبول رسالتك «{{original_subject}}»: لا تقبل {{company_name}} إلا الطلبات الواردة من جهات الاتصال المسجّلة. يُرجى استخدام بوابة العملاء أو طلب دعوة من مالك حسابك.',
    },
  },
  message_too_large: {
    en: {
      subject: 'Your message is too large: {{original_subject}}',
      body: 'Hello {{contact_name}},\n\nYour message "{{original_subject}}" is larger than the {{max_size}} we accept, so it was not delivered to {{company_name}}. Please send it again with smaller or fewer attachments, or use the customer portal.',
    },
    fr: {
      subject: 'Votre message est trop volumineux : {{original_subject}}',
      body: 'Bonjour {{contact_name}},\n\nVotre message « {{original_subject}} » dépasse la taille maximale acceptée ({{max_size}}) ; il n’a donc pas été transmis à {{company_name}}. Veuillez le renvoyer avec des pièces jointes plus petites ou moins nombreuses, ou utiliser le portail client.',
    },
    ar: {
      subject: 'رسالتك كبيرة جدًا: {{original_subject}}',
      body: 'مرحبًا {{contact_name}}،\n\nحجم رسالتك «{{original_subject}}» يتجاوز الحد المقبول ({{max_size}})، لذلك لم تُسلَّم إلى {{company_name}}. يُرجى إعادة إرسالها بمرفقات أصغر أو أقل، أو استخدام بوابة العملاء.',
    },
  },
  sla_warning: {
    en: {
      subject: 'SLA warning: ticket #{{ticket_number}}',
      body: 'Hello {{recipient_name}},\n\nThe {{sla_target}} target of ticket #{{ticket_number}} "{{ticket_subject}}" ({{customer_name}}) is due at {{due_at}}.',
    },
    fr: {
      subject: 'Alerte SLA : ticket n° {{ticket_number}}',
      body: 'Bonjour {{recipient_name}},\n\nL’objectif « {{sla_target}} » du ticket n° {{ticket_number}} « {{ticket_subject}} » ({{customer_name}}) arrive à échéance le {{due_at}}.',
    },
    ar: {
      subject: 'تنبيه اتفاقية مستوى الخدمة: التذكرة رقم {{ticket_number}}',
      body: 'مرحبًا {{recipient_name}}،\n\nيحين موعد هدف «{{sla_target}}» للتذكرة رقم {{ticket_number}} «{{ticket_subject}}» ({{customer_name}}) في {{due_at}}.',
    },
  },
  sla_breach: {
    en: {
      subject: 'SLA breached: ticket #{{ticket_number}}',
      body: 'Hello {{recipient_name}},\n\nThe {{sla_target}} target of ticket #{{ticket_number}} "{{ticket_subject}}" ({{customer_name}}) was due at {{due_at}} and is now breached.',
    },
    fr: {
      subject: 'SLA dépassé : ticket n° {{ticket_number}}',
      body: 'Bonjour {{recipient_name}},\n\nL’objectif « {{sla_target}} » du ticket n° {{ticket_number}} « {{ticket_subject}} » ({{customer_name}}) devait être atteint le {{due_at}} et est maintenant dépassé.',
    },
    ar: {
      subject: 'تم تجاوز اتفاقية مستوى الخدمة: التذكرة رقم {{ticket_number}}',
      body: 'مرحبًا {{recipient_name}}،\n\nكان موعد هدف «{{sla_target}}» للتذكرة رقم {{ticket_number}} «{{ticket_subject}}» ({{customer_name}}) في {{due_at}}، وقد تم تجاوزه الآن.',
    },
  },
  ticket_auto_closed: {
    en: {
      subject: 'Your ticket was closed: {{ticket_subject}}',
      body: 'Hello {{contact_name}},\n\nTicket #{{ticket_number}} "{{ticket_subject}}" was resolved and has now been closed automatically.\n\nIf the problem is not solved, reply to this email within {{reopen_days}} days and the ticket reopens: {{ticket_url}}',
    },
    fr: {
      subject: 'Votre ticket a été fermé : {{ticket_subject}}',
      body: 'Bonjour {{contact_name}},\n\nLe ticket n° {{ticket_number}} « {{ticket_subject}} » a été résolu et vient d’être fermé automatiquement.\n\nSi le problème persiste, répondez à cet e-mail dans les {{reopen_days}} jours et le ticket sera rouvert : {{ticket_url}}',
    },
    ar: {
      subject: 'تم إغلاق تذكرتك: {{ticket_subject}}',
      body: 'مرحبًا {{contact_name}}،\n\nتم حل التذكرة رقم {{ticket_number}} «{{ticket_subject}}» وأُغلقت الآن تلقائيًا.\n\nإذا لم تُحل المشكلة، يكفي الرد على هذه الرسالة خلال {{reopen_days}} يومًا وستُعاد فتح التذكرة: {{ticket_url}}',
    },
  },
  waiting_reminder: {
    en: {
      subject: 'We are waiting for your reply: {{ticket_subject}}',
      body: 'Hello {{contact_name}},\n\nTicket #{{ticket_number}} "{{ticket_subject}}" is waiting for your reply. Without news from you within {{resolve_days}} days, we will consider it resolved.\n\nTo answer, simply reply to this email.',
    },
    fr: {
      subject: 'Nous attendons votre réponse : {{ticket_subject}}',
      body: 'Bonjour {{contact_name}},\n\nLe ticket n° {{ticket_number}} « {{ticket_subject}} » attend votre réponse. Sans nouvelles de votre part dans les {{resolve_days}} jours, nous le considérerons comme résolu.\n\nPour répondre, répondez simplement à cet e-mail.',
    },
    ar: {
      subject: 'ننتظر ردك: {{ticket_subject}}',
      body: 'مرحبًا {{contact_name}}،\n\nالتذكرة رقم {{ticket_number}} «{{ticket_subject}}» في انتظار ردك. إذا لم يصلنا منك رد خلال {{resolve_days}} يومًا، سنعتبرها محلولة.\n\nللرد، يكفي الرد على هذه الرسالة.',
    },
  },
};

/** Ticket statuses as customers and staff read them in a mail. */
export const statusLabels: Record<TemplateLanguage, Record<string, string>> = {
  en: {
    open: 'open', in_progress: 'in progress', answered: 'answered', waiting_on_customer: 'waiting for your reply', on_hold: 'on hold',
    waiting_qc: 'waiting for quality check', qc_pass: 'quality check passed', qc_fail: 'quality check failed', resolved: 'resolved', closed: 'closed',
  },
  fr: {
    open: 'ouvert', in_progress: 'en cours', answered: 'répondu', waiting_on_customer: 'en attente de votre réponse', on_hold: 'en pause',
    waiting_qc: 'en attente de contrôle qualité', qc_pass: 'contrôle qualité réussi', qc_fail: 'contrôle qualité échoué', resolved: 'résolu', closed: 'fermé',
  },
  ar: {
    open: 'مفتوحة', in_progress: 'قيد المعالجة', answered: 'تم الرد', waiting_on_customer: 'بانتظار ردك', on_hold: 'معلّقة',
    waiting_qc: 'بانتظار فحص الجودة', qc_pass: 'اجتازت فحص الجودة', qc_fail: 'لم تجتز فحص الجودة', resolved: 'تم الحل', closed: 'مغلقة',
  },
};
