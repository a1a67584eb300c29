import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.ts';
import { parseTrustProxy } from '../../src/config/trust-proxy.ts';
import { configProblems } from '../helpers/config-problems.ts';

describe('TRUST_PROXY', () => {
  const cwd = '/srv/answerdesk';

  it('trusts loopback proxies when unset', () => {
    expect(loadConfig({}, cwd).http.trustProxy).toEqual(['loopback']);
  });

  it.each([
    ['true', true],
    ['FALSE', false],
    ['0', 0],
    ['1', 1],
    [' 2 ', 2],
    ['loopback', ['loopback']],
    ['10.0.0.0/8, 172.16.0.0/12', ['10.0.0.0/8', '172.16.0.0/12']],
    ['loopback,uniquelocal,linklocal', ['loopback', 'uniquelocal', 'linklocal']],
    ['203.0.113.7', ['203.0.113.7']],
    ['2001:db8::/32,::1', ['2001:db8::/32', '::1']],
    ['10.1.2.3/32', ['10.1.2.3/32']],
  ])('reads %j as express takes it', (raw, expected) => {
    expect(parseTrustProxy(raw)).toEqual({ kind: 'ok', value: expected });
    expect(loadConfig({ TRUST_PROXY: raw }, cwd).http.trustProxy).toEqual(expected);
  });

  it.each([
    ['yes', 'yes'],
    ['101', 'at most 100'],
    ['10.0.0.0/33', '10.0.0.0/33'],
    ['2001:db8::/129', '2001:db8::/129'],
    ['10.0.0.300', '10.0.0.300'],
    ['loopback, proxy.example.com', 'proxy.example.com'],
    ['10.0.0.0/8/1', '10.0.0.0/8/1'],
    ['-1', '-1'],
    [',', '","'],
  ])('names %j as a bad TRUST_PROXY', (raw, named) => {
    const problems = configProblems({ TRUST_PROXY: raw }, cwd).join('\n');
    expect(problems).toMatch(/^TRUST_PROXY /);
    expect(problems).toContain(named);
  });
});
