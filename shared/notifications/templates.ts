import type { UserActor } from '../auth/actor.js';
import { MailTemplate, type MailTemplateItem } from '../db/entities/mail-template.js';
import { isConditionalCheckFailed } from '../db/errors.js';
import { ConflictError, NotFoundError } from '../errors.js';
import { checkTemplateVariables } from '../tickets/canned.js';
import { defaultTemplates, type TemplateText } from './defaults.js';
import { sampleValues, templateEvents, templateLanguages, templateVariables, type TemplateEvent, type TemplateLanguage } from './events.js';
import { renderMail, type RenderedMail } from './render.js';
import type { MailTemplateView, PreviewMailTemplate, PutMailTemplate } from './schemas.js';

/** The text that applies: the admin's override for (event, language), else the built-in default. */
export async function loadTemplate(event: TemplateEvent, language: TemplateLanguage): Promise<TemplateText> {
  const { data } = await MailTemplate.get({ event, language }).go({ attributes: ['subject', 'body'] });
  return data ? { subject: data.subject, body: data.body } : defaultTemplates[event][language];
}

function toView(event: TemplateEvent, language: TemplateLanguage, item: MailTemplateItem | undefined): MailTemplateView {
  const text = item ?? defaultTemplates[event][language];
  return {
    event,
    language,
    variables: [...templateVariables[event]],
    subject: text.subject,
    body: text.body,
    overridden: !!item,
    version: item?.version ?? 0,
    ...(item ? { updatedAt: item.updatedAt, updatedBy: item.updatedBy } : {}),
  };
}

/** Every event × language (one query per event: each event's overrides share a partition). */
export async function listMailTemplates(): Promise<MailTemplateView[]> {
  const perEvent = await Promise.all(templateEvents.map((event) => MailTemplate.query.byEvent({ event }).go()));
  return templateEvents.flatMap((event, i) =>
    templateLanguages.map((language) => toView(event, language, perEvent[i]!.data.find((t) => t.language === language))),
  );
}

export async function getMailTemplate(event: TemplateEvent, language: TemplateLanguage): Promise<MailTemplateView> {
  const { data } = await MailTemplate.get({ event, language }).go();
  return toView(event, language, data ?? undefined);
}

const conflict = () => new ConflictError('conflict', 'The template was changed by someone else; reload and try again');

/** Both texts may only use the event's variables (400 `unknown_template_variable`, nothing written). */
function checkText(event: TemplateEvent, text: { subject: string; body: string }): void {
  checkTemplateVariables(`${text.subject}\n${text.body}`, templateVariables[event]);
}

/**
 * Saves an override. `version` is what the caller read: 0 = no override yet (created only if still
 * absent), else the override's version (updated only if unchanged); otherwise 409 `conflict`.
 */
export async function putMailTemplate(actor: UserActor, event: TemplateEvent, language: TemplateLanguage, input: PutMailTemplate): Promise<MailTemplateView> {
  checkText(event, input);
  try {
    if (input.version === 0) {
      const { data } = await MailTemplate.create({ event, language, subject: input.subject, body: input.body, updatedBy: actor.userId, version: 1 }).go();
      return toView(event, language, data);
    }
    const { data } = await MailTemplate.patch({ event, language })
      .set({ subject: input.subject, body: input.body, updatedBy: actor.userId, version: input.version + 1 })
      .where(({ version }, { eq }) => eq(version, input.version))
      .go({ response: 'all_new' });
    return toView(event, language, data);
  } catch (err) {
    if (isConditionalCheckFailed(err)) throw conflict();
    throw err;
  }
}

/** Removes the override (the default applies again); 404 when there is none. */
export async function deleteMailTemplate(event: TemplateEvent, language: TemplateLanguage): Promise<void> {
  try {
    await MailTemplate.delete({ event, language }).where(({ event: e }, { exists }) => exists(e)).go();
  } catch (err) {
    if (isConditionalCheckFailed(err)) throw new NotFoundError('This template has no override');
    throw err;
  }
}

/** Renders the saved template, or the unsaved subject/body given, with sample values. */
export async function previewMailTemplate(event: TemplateEvent, language: TemplateLanguage, input: PreviewMailTemplate): Promise<RenderedMail> {
  checkText(event, { subject: input.subject ?? '', body: input.body ?? '' });
  const saved = input.subject !== undefined && input.body !== undefined ? undefined : await loadTemplate(event, language);
  const text = { subject: input.subject ?? saved!.subject, body: input.body ?? saved!.body };
  const values = Object.fromEntries(templateVariables[event].map((v) => [v, sampleValues[v] ?? v]));
  const link = templateVariables[event].includes('ticket_url') ? sampleValues.ticket_url : undefined;
  return renderMail(event, language, text, values, link);
}
