import { describe, expect, it } from 'vitest';
import { checkTokenRequest } from '../../src/directline/token-request.ts';

describe('checkTokenRequest', () => {
  it.each([
    ['no body', undefined],
    ['an empty object', {}],
  ])('makes up a dl_ user id for %s', (_name, body) => {
    const result = checkTokenRequest(body);
    expect(result.kind === 'ok' ? result.user.id : '').toMatch(/^dl_[A-Za-z0-9_-]{16}$/);
  });

  it('takes the user id and name the page sends', () => {
    expect(checkTokenRequest({ user: { id: 'dl_abc', name: 'Casey' } })).toEqual({ kind: 'ok', user: { id: 'dl_abc', name: 'Casey' } });
  });

  it.each([
    ['a body that is an array', [], /must be a JSON object/],
    ['a user that is a string', { user: 'x' }, /"user" must be an object/],
    ['an id with a space', { user: { id: 'a b' } }, /"user.id"/],
    ['an id with markup', { user: { id: '<b>' } }, /"user.id"/],
    ['an id of 65 characters', { user: { id: 'a'.repeat(65) } }, /"user.id"/],
    ['a name that is a number', { user: { id: 'a', name: 5 } }, /"user.name"/],
  ])('refuses %s', (_name, body, problem) => {
    const result = checkTokenRequest(body);
    expect(result.kind === 'invalid' ? result.problem : 'accepted').toMatch(problem);
  });
});
