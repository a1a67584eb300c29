import type { KnowledgeEntry } from './knowledge-entry.ts';

/**
 * Every wording key of `knowledge/responses.yaml` (besides `popularTopics`). All are required,
 * non-empty strings; `knowledge/schema/responses.schema.json` lists the same keys.
 */
export const RESPONSE_KEYS = [
  'greeting',
  'fallback',
  'fallbackOfferHuman',
  'didYouMean',
  'noneOfThese',
  'didThisHelp',
  'helpfulYes',
  'helpfulNo',
  'thanksForFeedback',
  'sorryNotHelpful',
  'offerHuman',
  'help',
  'startOver',
  'emptyMessage',
  'humanUnavailable',
  'error',
  'handoffConfirm',
  'handoffDeclined',
  'askName',
  'askEmail',
  'invalidEmail',
  'ticketCreated',
  'ticketUpdated',
  'handoffWaiting',
  'agentJoined',
  'handoffFailed',
  'csatAsk',
  'csatComment',
  'csatThanks',
] as const;

/** One wording key of the bot, e.g. `'greeting'`. */
type ResponseKey = (typeof RESPONSE_KEYS)[number];

/**
 * The bot's wording, from `knowledge/responses.yaml`. Every key is present and non-empty;
 * `popularTopics` holds ids of existing, enabled entries (default `[]`).
 */
export type Responses = { readonly [K in ResponseKey]: string } & {
  readonly popularTopics: readonly string[];
  /** ISO 639-1 codes of the languages the knowledge is written in (default `['en']`). */
  readonly languages: readonly string[];
  /**
   * For a message in another language that the bot cannot answer: one text per ISO 639-1 code,
   * in that language, and `default` for the rest; `{languages}` is filled with `languages`' names.
   * Optional: without it such a message gets `fallback`.
   */
  readonly otherLanguage?: Readonly<Record<string, string>> & { readonly default: string };
};

/**
 * A validated knowledge base: what `loadKnowledgeBase` returns and the hot-reload store holds.
 * Entries come in file order (files sorted by path), with defaults applied; ids are unique and
 * every `followUps` / `popularTopics` id names an enabled entry.
 */
export interface KnowledgeBase {
  readonly entries: KnowledgeEntry[];
  readonly responses: Responses;
  /**
   * Example messages the bot must never answer, from the optional `knowledge/out-of-scope.yaml`
   * (trimmed, in file order; `[]` without the file). The matcher trains them as a class that is
   * never a candidate, so messages like them get `no-match` and the fallback instead of a wrong
   * answer. None has the same phrasing as any entry's question, and none is listed twice.
   */
  readonly outOfScope: readonly string[];
  /**
   * Every file it was read from (FAQ files, then the responses file, then the out-of-scope file
   * when there is one), as shown in error messages.
   */
  readonly files: string[];
}
