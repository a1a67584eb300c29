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
  'invalidName',
  'invalidEmail',
  'ticketCreated',
  'ticketUpdated',
  'handoffWaiting',
  'agentJoined',
  'handoffFailed',
  'csatAsk',
  'csatComment',
  'csatThanks',
  'ticketCreatedNoEmail',
  'teamAway',
  'teamBackSoon',
  'askEmailAfterHours',
  'ticketCreatedAfterHours',
  'ticketCreatedAfterHoursNoEmail',
  'ticketUpdatedAfterHours',
  // Said first when a message is a complaint, by its severity (dialogs/main.dialog.ts).
  'complaintAcknowledgeLow',
  'complaintAcknowledgeMedium',
  'complaintAcknowledgeHigh',
  'complaintAcknowledgeCritical',
] as const;

/** One wording key of the bot, e.g. `'greeting'`. */
type ResponseKey = (typeof RESPONSE_KEYS)[number];

/**
 * One kind of small talk (`responses.smallTalk.topics` in `knowledge/responses.yaml`): the phrases
 * that say it, as written (`(a|b)` alternatives and `[optional]` words not yet expanded), and the reply.
 */
export interface SmallTalkTopic {
  /** Kebab-case name, e.g. `thanks`; unique in the file. */
  readonly id: string;
  readonly phrases: readonly string[];
  readonly reply: string;
  /** Offer a "talk to a person" button under the reply (default false). */
  readonly offerHuman: boolean;
}

/**
 * Greetings, thanks, goodbyes and questions about the bot. `fillers` are words that may surround a
 * phrase without changing what it says ("thanks *so much*", "hello *there*"). Topics are in file
 * order, which is also precedence: a message that mixes kinds gets the first one's reply.
 */
export interface SmallTalk {
  readonly fillers: readonly string[];
  readonly topics: readonly SmallTalkTopic[];
}

/**
 * The bot's wording, from `knowledge/responses.yaml`. Every key is present and non-empty;
 * `popularTopics` holds ids of existing, enabled entries (default `[]`); `smallTalk` defaults to none.
 */
export type Responses = { readonly [K in ResponseKey]: string } & {
  readonly popularTopics: readonly string[];
  readonly smallTalk: SmallTalk;
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
