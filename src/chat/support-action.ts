import type { CardAction } from 'botbuilder';

/**
 * What a button in the chat means, carried in a `messageBack` action's `value` so the bot does
 * not have to guess from the button's text (which is still sent, for channels and prompts that
 * only read text).
 */
export type SupportAction =
  | { readonly kind: 'entry'; readonly entryId: string }
  | { readonly kind: 'none-of-these' }
  | { readonly kind: 'human' };

const KEY = 'answerdesk';

/** A suggested-action button that sends `title` as text and `action` as its value. */
export function actionButton(title: string, action: SupportAction): CardAction {
  return { type: 'messageBack', title, text: title, displayText: title, value: { [KEY]: action } };
}

/** Reads a `SupportAction` from an activity's `value`; anything else is `undefined`. */
export function parseSupportAction(value: unknown): SupportAction | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const action = (value as Record<string, unknown>)[KEY];
  if (typeof action !== 'object' || action === null) return undefined;
  const { kind, entryId } = action as { kind?: unknown; entryId?: unknown };
  if (kind === 'entry' && typeof entryId === 'string' && entryId.length <= 200) return { kind, entryId };
  if (kind === 'none-of-these' || kind === 'human') return { kind };
  return undefined;
}
