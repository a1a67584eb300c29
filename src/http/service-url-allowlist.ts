import { LOOPBACK_SERVICE_URLS } from '../config/config.ts';
import { isLoopbackAddress } from './directline/loopback-address.ts';

/**
 * Whether `serviceUrl` may receive the bot's replies in unauthenticated mode: an http(s) URL whose
 * origin is on `allowlist`, or whose host is a loopback host (`localhost`, 127.0.0.0/8, `::1`)
 * when the list holds `loopback`. Anything unparseable is not allowed.
 */
export function isAllowedServiceUrl(serviceUrl: unknown, allowlist: readonly string[]): boolean {
  if (typeof serviceUrl !== 'string') return false;
  let url: URL;
  try {
    url = new URL(serviceUrl);
  } catch {
    return false;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  if (allowlist.includes(url.origin)) return true;
  if (!allowlist.includes(LOOPBACK_SERVICE_URLS)) return false;
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  return host === 'localhost' || isLoopbackAddress(host);
}
