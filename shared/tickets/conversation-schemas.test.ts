import { describe, expect, it } from 'vitest';
import { postMessage, renderTemplate, templateTokens } from './conversation-schemas.js';

describe('templateTokens', () => {
  it('splits allowed variables from anything else, spaces inside braces allowed', () => {
    expect(templateTokens('Hi {{ contact_name }}, about #{{ticket_number}} ({{ticket_number}})')).toEqual({ variables: ['contact_name', 'ticket_number'], unknown: [] });
    expect(templateTokens('{{customer_name}} {{ password }} {{constructor.constructor}} {{1+1}}')).toEqual({
      variables: ['customer_name'],
      unknown: ['password', 'constructor.constructor', '1+1'],
    });
  });
});

describe('renderTemplate', () => {
  it('replaces tokens with plain values, in one pass, without interpreting the values', () => {
    const text = renderTemplate('Dear {{contact_name}}, re {{ticket_subject}}.', {
      contact_name: '$& {{ticket_subject}} <b>',
      ticket_subject: '${process.env}',
    });
    expect(text).toBe('Dear $& {{ticket_subject}} <b>, re ${process.env}.');
  });

  it('leaves a token with no value as written and never reads inherited properties', () => {
    expect(renderTemplate('{{agent_name}} {{toString}}', {})).toBe('{{agent_name}} {{toString}}');
  });
});

describe('postMessage body', () => {
  it('defaults to a reply with no attachments and refuses the same attachment twice', () => {
    expect(postMessage.parse({ body: ' hello ' })).toEqual({ kind: 'reply', body: 'hello', attachmentIds: [] });
    expect(postMessage.safeParse({ body: 'x', attachmentIds: ['a', 'a'] }).success).toBe(false);
    expect(postMessage.safeParse({ body: 'x'.repeat(20_001) }).success).toBe(false);
    expect(postMessage.safeParse({ body: 'x', attachmentIds: ['../etc'] }).success).toBe(false);
  });
});
