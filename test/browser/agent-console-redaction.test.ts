import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openPage, signInAt } from '../helpers/chromium.ts';
import { seedConversation } from '../helpers/escalation-fixture.ts';
import { type RunningApp, startApp } from '../helpers/running-app.ts';

const WAIT = { timeout: 20_000 } as const;
const SECRET = 'LYNX-4410';

describe('agent console in a real browser: redacting a customer message', () => {
  let browser: Browser;
  let server: RunningApp;
  let token: string;

  beforeAll(async () => {
    browser = await launchChromium();
    server = await startApp();
    ({ token } = await server.app.agents.create({ name: 'Rory', email: 'rory@example.com' }));
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('asks to confirm, can be cancelled, then redacts the whole message and shows it redacted', async () => {
    const conversationId = 'console-redact';
    const { customerId } = await seedConversation(server.app.db, {
      conversationId,
      channelId: 'directline',
      name: 'Quinn',
      messages: ['need help with my locker', `the locker code is ${SECRET} <b>x</b>`],
    });
    const { ticket } = await server.app.tickets.escalate({
      conversationId,
      customerId,
      reason: 'requested',
      priority: 'normal',
      subject: 'need help with my locker',
    });
    const { page, seen } = await openPage(browser, { viewport: { width: 1400, height: 900 } });
    try {
      await signInAt(page, `${server.url}/agent#${ticket.reference}`, token);
      const message = page.locator('#transcript li.from-customer', { hasText: SECRET });
      await message.waitFor(WAIT);
      // Every customer message has the button; the bot's and agents' have none.
      expect(await page.locator('#transcript li.from-customer button[data-redact]').count()).toBe(2);
      expect(await page.locator('#transcript li:not(.from-customer) button[data-redact]').count()).toBe(0);

      await message.getByRole('button', { name: 'Redact' }).click();
      const confirm = message.getByRole('group', { name: 'Confirm redaction' });
      await confirm.waitFor(WAIT);
      expect(await confirm.textContent()).toContain('This cannot be undone');
      await confirm.getByRole('button', { name: 'Cancel' }).click();
      await message.getByRole('button', { name: 'Redact' }).waitFor(WAIT);
      expect(
        await server.app.db.selectFrom('messages').select('text').where('text', 'like', `%${SECRET}%`).execute(),
      ).toHaveLength(1);

      await message.getByRole('button', { name: 'Redact' }).click();
      await message.getByRole('button', { name: 'Redact message' }).click();
      const redacted = page.locator('#transcript li.from-customer', { hasText: '[redacted by an agent]' });
      await redacted.waitFor(WAIT);
      expect(await redacted.locator('button[data-redact]').count()).toBe(0);
      expect(await page.locator('#transcript').textContent()).not.toContain(SECRET);
      expect(
        await server.app.db.selectFrom('messages').select('text').where('text', 'like', `%${SECRET}%`).execute(),
      ).toEqual([]);
      // Text only: the customer's "<b>" never became an element.
      expect(await page.locator('#transcript b').count()).toBe(0);
      expect(seen.dialogs).toEqual([]);
      expect(seen.errors).toEqual([]);
    } finally {
      await page.context().close();
    }
  }, 60_000);
});
