import net from 'node:net';

/**
 * Which proxies' `X-Forwarded-For` express believes for `req.ip` (its `trust proxy` setting):
 * `true` (every hop, so the client can claim any address), `false` (none: `req.ip` is the socket's
 * peer), a hop count, or addresses, CIDR ranges and express's names for ranges.
 */
export type TrustProxy = boolean | number | readonly string[];

/** Express's names for address ranges. */
const RANGE_NAMES = ['loopback', 'linklocal', 'uniquelocal'] as const;
const MAX_HOPS = 100;

export type TrustProxyParse =
  | { readonly kind: 'ok'; readonly value: TrustProxy }
  | { readonly kind: 'invalid'; readonly problem: string };

function isAddressOrRange(entry: string): boolean {
  if ((RANGE_NAMES as readonly string[]).includes(entry)) return true;
  const [address = '', bits, ...rest] = entry.split('/');
  const family = net.isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (bits === undefined) return true;
  const prefix = /^\d{1,3}$/.test(bits) ? Number(bits) : Number.NaN;
  return prefix >= 0 && prefix <= (family === 4 ? 32 : 128);
}

/**
 * Reads `TRUST_PROXY` as express takes it: `true`/`false`, a hop count (`1` = the one load balancer
 * in front), or a comma-separated list of addresses, CIDR ranges (`10.0.0.0/8`) and the names
 * `loopback`, `linklocal`, `uniquelocal`. Anything else is `invalid` with a message showing the forms.
 */
export function parseTrustProxy(raw: string): TrustProxyParse {
  const text = raw.trim().toLowerCase();
  if (text === 'true') return { kind: 'ok', value: true };
  if (text === 'false') return { kind: 'ok', value: false };
  if (/^\d+$/.test(text)) {
    const hops = Number(text);
    return hops <= MAX_HOPS
      ? { kind: 'ok', value: hops }
      : { kind: 'invalid', problem: `TRUST_PROXY as a hop count must be at most ${MAX_HOPS} (got "${raw}")` };
  }
  const entries = text
    .split(',')
    .map((e) => e.trim())
    .filter((e) => e !== '');
  const bad = entries.filter((e) => !isAddressOrRange(e));
  if (entries.length === 0 || bad.length > 0) {
    return {
      kind: 'invalid',
      problem:
        `TRUST_PROXY must be true, false, a hop count like 1, or a comma-separated list of addresses, CIDR ranges ` +
        `and ${RANGE_NAMES.join('/')} (got "${raw}"${bad.length > 0 ? `; not understood: ${bad.join(', ')}` : ''})`,
    };
  }
  return { kind: 'ok', value: entries };
}
