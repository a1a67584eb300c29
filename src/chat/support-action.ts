import type { CardAction } from 'botbuilder';

/**
 * What a button in the chat means, carried in a `messageBack` action's `value` so the bot does
 * not have to guess from the button's text (which is still sent, for channels and prompts that
 * only read text).
 *
 * A "did you mean" button carries `question`: the id of the feedback record of the question that
 * offered it, so the customer's choice is stored on that question. The value comes back from the
 * client, so it is only a claim: the store checks it names a question of the same conversation.
 */
export type SupportAction =
  | { readonly kind: 'entry'; readonly entryId: string; readonly question?: number }
  | { readonly kind: 'none-of-these'; readonly question?: number }
  | { readonly kind: 'human' };

const KEY = 'answerdesk';
const MAX_ENTRY_ID = 200;

/** A suggested-action button that sends `title` as text and `action` as its value. */
export function actionButton(title: string, action: SupportAction): CardAction {
  return { type: 'messageBack', title, text: title, displayText: title, value: { [KEY]: action } };
}

/** A record id as a client sent it back: a positive safe integer, else `undefined`. */
function questionId(raw: unknown): { question?: number } {
  return typeof raw === 'number' && Number.isSafeInteger(raw) && raw > 0 ? { question: raw } : {};
}

/**
 * Reads a `SupportAction` from an activity's `value`; anything else is `undefined`. A `question`
 * that is not a positive integer is dropped (the button still works, nothing is stored about it).
 */
export function parseSupportAction(value: unknown): SupportAction | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const action = (value as Record<string, unknown>)[KEY];
  if (typeof action !== 'object' || action === null) return undefined;
  const { kind, entryId, question } = action as { kind?: unknown; entryId?: unknown; question?: unknown };
  if (kind === 'entry' && typeof entryId === 'string' && entryId.length <= MAX_ENTRY_ID)
    return { kind, entryId, ...questionId(question) };
  if (kind === 'none-of-these') return { kind, ...questionId(question) };
  if (kind === 'human') return { kind };
  return undefined;
}
