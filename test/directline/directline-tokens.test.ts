import jwt from 'jsonwebtoken';
import { describe, expect, it } from 'vitest';
import { DirectLineTokens, STREAM_TOKEN_TTL_SECONDS } from '../../src/directline/directline-tokens.ts';

const SECRET = 'x'.repeat(40);
const claims = { conversationId: 'conv-1', userId: 'dl_1', userName: 'Casey', boundUser: false };

describe('DirectLineTokens', () => {
  const tokens = new DirectLineTokens(SECRET, 600);

  it('issues a token that verifies to the same conversation and user, with the configured lifetime', () => {
    const { token, expiresIn } = tokens.issue(claims);
    expect(expiresIn).toBe(600);
    const check = tokens.verify(token);
    expect(check).toEqual({ kind: 'valid', claims, expiresAt: expect.any(Number) as unknown });
    expect(check.kind === 'valid' ? check.expiresAt - Math.floor(Date.now() / 1000) : 0).toBeGreaterThan(590);
  });

  it('keeps a bound user bound, and never makes an unbound one bound', () => {
    const bound = { conversationId: 'conv-2', userId: 'site-user-7', boundUser: true };
    expect(tokens.verify(tokens.issue(bound).token)).toMatchObject({ kind: 'valid', claims: bound });
    expect(tokens.verify(tokens.issue(claims).token)).toMatchObject({ kind: 'valid', claims: { boundUser: false } });
  });

  it('issues a different token every time, even within the same second', () => {
    expect(tokens.issue(claims).token).not.toBe(tokens.issue(claims).token);
  });

  it('keeps conversation and stream tokens apart', () => {
    const stream = tokens.issue(claims, 'stream');
    expect(stream.expiresIn).toBe(STREAM_TOKEN_TTL_SECONDS);
    expect(tokens.verify(stream.token, 'conversation').kind).toBe('invalid');
    expect(tokens.verify(tokens.issue(claims).token, 'stream').kind).toBe('invalid');
    expect(tokens.verify(stream.token, 'stream').kind).toBe('valid');
  });

  it.each([
    [
      'expired',
      jwt.sign({ conv: 'c', user: 'u', exp: Math.floor(Date.now() / 1000) - 1 }, SECRET, {
        issuer: 'answerdesk',
        audience: 'answerdesk:directline:conversation',
      }),
      'expired',
    ],
    [
      'signed with another secret',
      jwt.sign({ conv: 'c', user: 'u' }, 'y'.repeat(40), {
        issuer: 'answerdesk',
        audience: 'answerdesk:directline:conversation',
        expiresIn: 60,
      }),
      'invalid',
    ],
    [
      'unsigned (alg none)',
      jwt.sign({ conv: 'c', user: 'u' }, '', {
        algorithm: 'none',
        issuer: 'answerdesk',
        audience: 'answerdesk:directline:conversation',
        expiresIn: 60,
      }),
      'invalid',
    ],
    [
      'from another issuer',
      jwt.sign({ conv: 'c', user: 'u' }, SECRET, {
        issuer: 'someone',
        audience: 'answerdesk:directline:conversation',
        expiresIn: 60,
      }),
      'invalid',
    ],
    [
      'without a conversation',
      jwt.sign({ user: 'u' }, SECRET, {
        issuer: 'answerdesk',
        audience: 'answerdesk:directline:conversation',
        expiresIn: 60,
      }),
      'invalid',
    ],
    ['garbage', 'abc.def.ghi', 'invalid'],
  ])('refuses a token that is %s', (_name, token, kind) => {
    expect(tokens.verify(token).kind).toBe(kind);
  });

  it('refuses a signing secret shorter than 32 characters', () => {
    expect(() => new DirectLineTokens('short', 600)).toThrow(/at least 32/);
  });
});
