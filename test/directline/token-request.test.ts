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

  it('takes the user id and name the page sends, unbound', () => {
    expect(checkTokenRequest({ user: { id: 'dl_abc', name: 'Casey' } })).toEqual({
      kind: 'ok',
      user: { id: 'dl_abc', name: 'Casey', bound: false },
    });
  });

  it('namespaces an id a public caller chose under dl_, so it can never be a bound id', () => {
    expect(checkTokenRequest({ user: { id: 'victim-user-77' } })).toEqual({
      kind: 'ok',
      user: { id: 'dl_victim-user-77', bound: false },
    });
  });

  it('binds the id a secret holder gives, as given', () => {
    expect(checkTokenRequest({ user: { id: 'victim-user-77', name: 'Vic' } }, 'secret')).toEqual({
      kind: 'ok',
      user: { id: 'victim-user-77', name: 'Vic', bound: true },
    });
    const anonymous = checkTokenRequest({}, 'secret');
    expect(anonymous.kind === 'ok' ? anonymous.user.bound : true).toBe(false);
  });

  it('refuses a secret holder a dl_ id (reserved for unbound users)', () => {
    const result = checkTokenRequest({ user: { id: 'dl_abc' } }, 'secret');
    expect(result.kind === 'invalid' ? result.problem : 'accepted').toMatch(/must not start with "dl_"/);
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
