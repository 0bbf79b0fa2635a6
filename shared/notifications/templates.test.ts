import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, DynamoDBDocumentClient, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import type { UserActor } from '../auth/actor.js';
import { MailTemplate } from '../db/entities/mail-template.js';
import { answerReads } from '../db/fake-table.js';
import { templateEvents, templateLanguages } from './events.js';
import { deleteMailTemplate, getMailTemplate, listMailTemplates, loadTemplate, previewMailTemplate, putMailTemplate } from './templates.js';

const ddb = mockClient(DynamoDBDocumentClient);
afterEach(() => ddb.reset());
const admin = { userId: 'u-admin', isStaff: true } as UserActor;

const override = () => MailTemplate.create({ event: 'agent_reply', language: 'fr', subject: 'Réponse {{ticket_number}}', body: 'Corps {{reply_body}}', updatedBy: 'u-admin', version: 3 }).params<{ Item: Record<string, unknown> }>().Item;
const writes = () => ddb.commandCalls(PutCommand).length + ddb.commandCalls(UpdateCommand).length + ddb.commandCalls(DeleteCommand).length;

describe('mail templates', () => {
  it('uses the override for its language and the default elsewhere', async () => {
    answerReads(ddb, () => [override()]);
    expect(await loadTemplate('agent_reply', 'fr')).toEqual({ subject: 'Réponse {{ticket_number}}', body: 'Corps {{reply_body}}' });
    expect((await loadTemplate('agent_reply', 'en')).subject).toBe('Re: {{ticket_subject}}');
    expect(await getMailTemplate('agent_reply', 'fr')).toMatchObject({ overridden: true, version: 3, variables: expect.arrayContaining(['reply_body']) });
    const all = await listMailTemplates();
    expect(all).toHaveLength(templateEvents.length * templateLanguages.length);
    expect(all.filter((t) => t.overridden).map((t) => `${t.event}/${t.language}`)).toEqual(['agent_reply/fr']);
  });

  it('refuses unknown variables with 400 unknown_template_variable and writes nothing', async () => {
    answerReads(ddb, () => []);
    for (const bad of ['{{reply_body}}', '{{constructor}}', '{{__proto__}}', '{{#each tickets}}x{{/each}}']) {
      // reply_body is not a variable of ticket_received.
      await expect(putMailTemplate(admin, 'ticket_received', 'en', { subject: 'ok', body: bad, version: 0 })).rejects.toMatchObject({ statusCode: 400, code: 'unknown_template_variable' });
    }
    await expect(putMailTemplate(admin, 'ticket_received', 'en', { subject: '{{nope}}', body: 'ok', version: 0 })).rejects.toMatchObject({ code: 'unknown_template_variable', details: { unknown: ['nope'] } });
    expect(writes()).toBe(0);
  });

  it('creates with version 0 only if absent and updates only the version read (conflict otherwise)', async () => {
    const failed = () => new ConditionalCheckFailedException({ message: 'failed', $metadata: {} });
    ddb.on(PutCommand).rejects(failed());
    await expect(putMailTemplate(admin, 'mention', 'en', { subject: 'S', body: '{{mention_excerpt}}', version: 0 })).rejects.toMatchObject({ statusCode: 409, code: 'conflict' });
    ddb.on(UpdateCommand).rejects(failed());
    await expect(putMailTemplate(admin, 'mention', 'en', { subject: 'S', body: 'B', version: 2 })).rejects.toMatchObject({ statusCode: 409, code: 'conflict' });
    const update = ddb.commandCalls(UpdateCommand)[0]!.args[0].input;
    expect(update.ConditionExpression).toContain('#version');
    expect(update.ConditionExpression).toContain('attribute_exists');
  });

  it('deleting a template without override answers 404', async () => {
    ddb.on(DeleteCommand).rejects(new ConditionalCheckFailedException({ message: 'failed', $metadata: {} }));
    await expect(deleteMailTemplate('mention', 'ar')).rejects.toMatchObject({ statusCode: 404 });
  });

  it('previews unsaved text with sample values, escaped in HTML, without reading or writing', async () => {
    const out = await previewMailTemplate('agent_reply', 'en', { subject: 'Re {{ticket_number}}', body: '<b>{{agent_name}}</b> wrote' });
    expect(out.subject).toBe('Re 482913');
    expect(out.text).toContain('<b>Sam Agent</b> wrote');
    expect(out.html).toContain('&lt;b&gt;Sam Agent&lt;/b&gt; wrote');
    expect(ddb.calls()).toHaveLength(0);
  });

  it('refuses an unsaved preview with an unknown token', async () => {
    await expect(previewMailTemplate('mention', 'en', { body: 'Hi {{constructor}}' })).rejects.toMatchObject({ code: 'unknown_template_variable' });
  });
});
