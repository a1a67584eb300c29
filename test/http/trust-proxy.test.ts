import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RateLimiter } from '../../src/http/directline/generate-rate-limit.ts';
import { type RunningApp, startApp } from '../helpers/running-app.ts';

const CLIENT_A = '198.51.100.1';
const CLIENT_B = '203.0.113.9';
const LOOPBACK = /^(::ffff:)?127\.0\.0\.1$/;

/**
 * `TRUST_PROXY` over real HTTP. The tests connect from loopback, so the socket's address is always
 * 127.0.0.1: what changes with the setting is whether `X-Forwarded-For` (as a load balancer in front
 * would send it) is believed, for the per-address limit on new conversations and for the address
 * the audit trail records.
 */
describe.each([
  // [TRUST_PROXY, the address express should see for "CLIENT_A, CLIENT_B" (a client's claim, then what the proxy saw)]
  ['false', LOOPBACK],
  ['0', LOOPBACK],
  ['1', CLIENT_B],
  ['2', CLIENT_A],
  ['true', CLIENT_A],
  ['127.0.0.1/8', CLIENT_B],
  ['10.0.0.0/8', LOOPBACK],
  [undefined, CLIENT_B],
])('TRUST_PROXY=%s', (setting, expected) => {
  let server: RunningApp;
  let token: string;

  beforeAll(async () => {
    server = await startApp(setting === undefined ? {} : { TRUST_PROXY: setting }, {
      generateLimiter: new RateLimiter(1),
    });
    token = (await server.app.agents.create({ name: 'Pat', role: 'admin' })).token;
  });
  afterAll(async () => {
    await server.stop();
  });

  const generate = (forwardedFor: string) =>
    fetch(`${server.url}/v3/directline/tokens/generate`, {
      method: 'POST',
      headers: { 'x-forwarded-for': forwardedFor },
    });

  it('records the address it trusts in the audit trail', async () => {
    const res = await fetch(`${server.url}/api/agent/me?signIn=1`, {
      headers: { authorization: `Bearer ${token}`, 'x-forwarded-for': `${CLIENT_A}, ${CLIENT_B}` },
    });
    expect(res.status).toBe(200);
    const [event] = (await server.app.audit.list({ action: 'auth.sign-in', limit: 1 })).events;
    if (typeof expected === 'string') expect(event?.address).toBe(expected);
    else expect(event?.address).toMatch(expected);
  });

  it('gives two forwarded clients one limit only when it does not trust the forwarding', async () => {
    expect((await generate(`${CLIENT_A}, ${CLIENT_A}`)).status).toBe(200);
    const second = await generate(`${CLIENT_B}, ${CLIENT_B}`);
    expect(second.status).toBe(typeof expected === 'string' ? 200 : 429);
    // The same client again is always over its limit of one.
    expect((await generate(`${CLIENT_A}, ${CLIENT_A}`)).status).toBe(429);
  });
});
