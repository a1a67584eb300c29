/*
 * The JSON of the admin API under `/api/admin` as the admin page reads it. The suggestion types
 * follow `src/insights/suggestion.ts`; test/http/admin-entries-wire-types.test.ts makes `tsc` fail
 * when the server's JSON stops matching them.
 */

type SuggestionAction = 'add-phrasings' | 'new-entry' | 'out-of-scope';

/** One group of similar missed questions (`GET /suggestions`). */
export interface SuggestionJson {
  readonly id: string;
  readonly action: SuggestionAction;
  readonly entryId: string | null;
  readonly count: number;
  readonly reasons: readonly string[];
  readonly phrasings: readonly { readonly text: string; readonly count: number }[];
  readonly firstSeen: string;
  readonly lastSeen: string;
  readonly evidence?: { readonly confidence: number | null; readonly chosenByCustomers: number };
  readonly examples?: readonly {
    readonly messageId: number;
    readonly conversationId: string;
    readonly text: string;
    readonly at: string;
  }[];
}

/** `GET /suggestions`. */
export interface SuggestionListJson {
  readonly suggestions: readonly SuggestionJson[];
}

/** The body of `POST /suggestions/:id/accept`: one target, and the ticked phrasings. */
export type AcceptBodyJson = { readonly phrasings: readonly string[] } & (
  | { readonly entryId: string }
  | { readonly newEntry: { readonly id: string; readonly title: string; readonly answer: string } }
  | { readonly outOfScope: true }
);

/** What an accept answers: where the phrasings were written (absent for out of scope). */
export interface AcceptResultJson {
  readonly file?: string;
  readonly line?: number;
  readonly entryId?: string | null;
}

/** One of an entry's recent questions. */
interface EntryQuestionJson {
  readonly messageId: number;
  readonly conversationId: string;
  readonly text: string;
  readonly at: string;
  readonly answered: boolean;
  readonly helpful: boolean | null;
}

/** One knowledge entry with its traffic over the period. */
export interface EntryJson {
  readonly id: string;
  readonly title: string;
  readonly answer: string;
  readonly enabled: boolean;
  readonly phrasings: number;
  readonly questions: number;
  readonly answered: number;
  readonly answerRate: number | null;
  readonly votes: number;
  readonly helpful: number;
  readonly helpfulRate: number | null;
  readonly recentQuestions: readonly EntryQuestionJson[];
}

/** `GET /entries?from=&to=`. */
export interface EntryListJson {
  readonly from: string;
  readonly to: string;
  readonly entries: readonly EntryJson[];
}

/** One chat message of a conversation. */
export interface ConversationMessageJson {
  readonly id: number;
  readonly author: 'customer' | 'bot' | 'agent';
  readonly text: string | null;
  readonly at: string;
  readonly kind: string | null;
  readonly match: { readonly kind: string; readonly entryId: string | null; readonly confidence: number | null } | null;
  readonly answeredEntryId: string | null;
  readonly helpful: boolean | null;
}

/** `GET /conversations/:id`. */
export interface ConversationJson {
  readonly conversationId: string;
  readonly messages: readonly ConversationMessageJson[];
}
