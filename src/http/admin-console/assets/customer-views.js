// @ts-check
/** @import { CustomersApi } from './customers-api.client.js' */
import { createCustomerProfileView } from './customer-profile.view.js';
import { createCustomersView } from './customers.view.js';

const PROFILE = /^#customer\/(\d{1,15})$/;

/**
 * The customer health pages of the admin console, registered with one call: the at-risk list
 * (`#customers`) and a customer's profile (`#customer/<id>`), their sections added to `parent`.
 * `route(hash, signedIn)` shows the page the hash names and says whether it was one of these
 * (then the console hides its own pages); `reset()` forgets what was shown at sign-out.
 *
 * @param {{ api: CustomersApi, parent: HTMLElement, tab: HTMLAnchorElement | null }} deps
 */
export function createCustomerViews({ api, parent, tab }) {
  const list = createCustomersView({ api, parent });
  const profile = createCustomerProfileView({ api, parent });

  /** @param {string} hash @param {boolean} signedIn */
  function route(hash, signedIn) {
    const id = PROFILE.exec(hash)?.[1];
    const page = id !== undefined ? 'profile' : hash === '#customers' ? 'list' : null;
    list.section.hidden = page !== 'list';
    profile.section.hidden = page !== 'profile';
    tab?.toggleAttribute('aria-current', page !== null);
    if (page === null) return false;
    if (signedIn && id !== undefined) void profile.open(Number(id));
    else if (signedIn) void list.load();
    return true;
  }

  return { route, reset: () => list.reset() };
}
