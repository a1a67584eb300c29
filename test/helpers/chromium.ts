import fs from 'node:fs';
import { type Browser, type BrowserContext, type BrowserContextOptions, chromium, type Page } from 'playwright-core';

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
async function watch(page: Page): Promise<PageWatch> {
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

/** A page in a browser context of its own, watched from its first load. */
export interface WatchedPage {
  readonly page: Page;
  readonly seen: PageWatch;
}

/** The contexts `openPage` opened: `closePages` closes these, never one a test made itself for longer. */
const openedContexts = new WeakSet<BrowserContext>();

/**
 * Opens a page in a new context of `browser` (so no cookie or storage leaks between tests) and
 * watches it. The context stays open until `closePages(browser)` or the browser closes.
 */
export async function openPage(browser: Browser, options: BrowserContextOptions = {}): Promise<WatchedPage> {
  const context = await browser.newContext(options);
  openedContexts.add(context);
  const page = await context.newPage();
  return { page, seen: await watch(page) };
}

/** Closes every page `openPage` opened in `browser` (with its context): an `afterEach` of the browser tests. */
export async function closePages(browser: Browser | undefined): Promise<void> {
  const opened = (browser?.contexts() ?? []).filter((context) => openedContexts.has(context));
  await Promise.all(opened.map((context) => context.close()));
}

/** Opens `url` in `page` and signs in with `token` through the consoles' sign-in form. */
export async function signInAt(page: Page, url: string, token: string): Promise<void> {
  await page.goto(url);
  await page.locator('#token').fill(token);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** How many pixels `page` scrolls sideways: 0 when its content fits the window's width. */
export function sidewaysScroll(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}
