import type { Frame, Page } from 'playwright-core';
import { expect } from 'vitest';

/** Web Chat's send box. */
export const SEND_BOX = '[data-id="webchat-sendbox-input"]';

/**
 * True once Web Chat shows a non-empty bot activity after the customer's last message containing
 * `text`. Runs in the page: pass it to `waitForFunction` with `text`.
 */
export function botRepliedAfter(text: string): boolean {
  const articles = Array.from(document.querySelectorAll('.webchat__basic-transcript__activity'));
  const fromUser = (a: Element): boolean => a.querySelector('.webchat__stacked-layout--from-user') !== null;
  const asked = articles.findLastIndex((a) => fromUser(a) && (a.textContent ?? '').includes(text));
  return asked >= 0 && articles.slice(asked + 1).some((a) => !fromUser(a) && (a.textContent ?? '').trim() !== '');
}

/** Types `text` into the widget in `target` and sends it, once the chat is online. */
export async function sendInWidget(target: Page | Frame, text: string, onlineTimeoutMs = 30_000): Promise<void> {
  await target.locator('#answerdesk-chat[data-connection="online"]').waitFor({ timeout: onlineTimeoutMs });
  const box = target.locator(SEND_BOX);
  await box.fill(text);
  // Web Chat submits only once its own store has seen the connection come up; until then Enter
  // leaves the text in the box, so press again until the box empties.
  await expect
    .poll(
      async () => {
        if ((await box.inputValue()) !== '') await box.press('Enter');
        return box.inputValue();
      },
      { timeout: 15_000, interval: 500 },
    )
    .toBe('');
}
