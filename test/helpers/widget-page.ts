import type { Frame, Page } from 'playwright-core';
import { expect } from 'vitest';

/** Web Chat's send box. */
export const SEND_BOX = '[data-id="webchat-sendbox-input"]';

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
