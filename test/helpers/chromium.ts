import fs from 'node:fs';
import { type Browser, chromium, type Page } from 'playwright-core';

/** Debian's chromium, driven by playwright-core (no browser download). */
const CHROMIUM = '/usr/bin/chromium';

/** Headless, no sandbox (containers), no background traffic. */
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
] as const;

/**
 * Launches Debian's chromium, or fails with a message that says how to install it.
 *
 * @throws Error when `/usr/bin/chromium` is missing.
 */
export async function launchChromium(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(
      `The browser tests need Debian's chromium at ${CHROMIUM}, and it is missing. ` +
        'Install it with `apt-get update && apt-get install -y chromium` (.ci/run does this in CI).',
    );
  }
  return chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_ARGS] });
}

/** What a page did that it should not have: dialogs (alert/confirm/prompt), script errors, CSP violations. */
export interface PageWatch {
  readonly dialogs: string[];
  readonly errors: string[];
}

/** Records (and dismisses) dialogs, script errors and CSP violations of `page` from now on. */
export async function watch(page: Page): Promise<PageWatch> {
  const seen: PageWatch = { dialogs: [], errors: [] };
  page.on('dialog', (dialog) => {
    seen.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  page.on('pageerror', (error) => seen.errors.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') seen.errors.push(message.text());
  });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      console.error(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI}`);
    });
  });
  return seen;
}
