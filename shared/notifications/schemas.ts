import * as z from 'zod';
import { templateEvents, templateLanguages } from './events.js';

export const templateEvent = z.enum(templateEvents);
export const templateLanguage = z.enum(templateLanguages);

export const mailTemplatePath = z.object({ event: templateEvent, language: templateLanguage }).strict();

const subject = z.string().trim().min(1).max(300);
const body = z.string().trim().min(1).max(20_000);

/** PUT /mail-templates/{event}/{language}. `version`: 0 when no override exists yet. */
export const putMailTemplate = z.object({ subject, body, version: z.number().int().min(0) }).strict();
export type PutMailTemplate = z.infer<typeof putMailTemplate>;

/** POST /mail-templates/{event}/{language}/preview: unsaved texts, or the saved ones when absent. */
export const previewMailTemplate = z.object({ subject: subject.optional(), body: body.optional() }).strict();
export type PreviewMailTemplate = z.infer<typeof previewMailTemplate>;

export const mailTemplateView = z.object({
  event: templateEvent,
  language: templateLanguage,
  /** The `{{variables}}` this event provides. */
  variables: z.array(z.string()),
  subject: z.string(),
  body: z.string(),
  overridden: z.boolean(),
  /** 0 = built-in default. */
  version: z.number().int(),
  updatedAt: z.string().optional(),
  updatedBy: z.string().optional(),
});
export type MailTemplateView = z.infer<typeof mailTemplateView>;

export const mailTemplateList = z.object({ items: z.array(mailTemplateView) });

export const renderedMail = z.object({ subject: z.string(), text: z.string(), html: z.string() });
