import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.ts';
import { configProblems } from '../helpers/config-problems.ts';

const cwd = '/srv/answerdesk';

describe('REDACTION_TYPES', () => {
  it.each([
    [{}, ['card', 'email', 'phone']],
    [{ REDACTION_TYPES: 'card' }, ['card']],
    [{ REDACTION_TYPES: ' Card , PHONE ' }, ['card', 'phone']],
    [{ REDACTION_TYPES: 'email,email' }, ['email']],
    [{ REDACTION_TYPES: 'none' }, []],
  ])('reads %j as %j', (env, expected) => {
    expect(loadConfig(env, cwd).redactionTypes).toEqual(expected);
  });

  it.each(['cards', 'card,iban', 'card,,email'])('refuses "%s", naming the variable and what it may list', (value) => {
    expect(configProblems({ REDACTION_TYPES: value }, cwd).join('\n')).toMatch(
      /REDACTION_TYPES must list card, email, phone \(comma-separated\) or be none/,
    );
  });
});
