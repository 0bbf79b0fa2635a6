import { describe, expect, it } from 'vitest';
import { checkTemplate, UnknownTemplateVariableError } from './canned.js';

describe('checkTemplate', () => {
  it('returns the variables a body uses', () => {
    expect(checkTemplate('Hello {{contact_name}}, ticket {{ticket_number}} — {{agent_name}}, {{company_name}}')).toEqual([
      'contact_name',
      'ticket_number',
      'agent_name',
      'company_name',
    ]);
  });

  it('refuses unknown variables with 400 unknown_template_variable naming them', () => {
    let error: unknown;
    try {
      checkTemplate('Hi {{contact_name}} {{secret}} {{ process.env }}');
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(UnknownTemplateVariableError);
    expect(error).toMatchObject({ statusCode: 400, code: 'unknown_template_variable', details: { unknown: ['secret', 'process.env'] } });
  });
});
