/** A stored chat message as the search for its copies needs it. */
export interface ConversationMessage {
  readonly id: number;
  readonly text: string | null;
  readonly direction: 'inbound' | 'outbound';
  readonly createdAt: string;
}

/** Quotes are cut at hundreds of characters; a short "…" text is someone's own words, not a quote. */
const MIN_QUOTE_LENGTH = 40;

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Whether `candidate` is `original` (spaces aside) or a quote of it cut short with "…". */
export function quotes(candidate: string, original: string): boolean {
  const whole = collapse(original);
  const text = collapse(candidate);
  if (text === whole) return whole !== '';
  return text.endsWith('…') && text.length > MIN_QUOTE_LENGTH && whole.startsWith(text.slice(0, -1));
}

/**
 * Decides which stored texts are copies of one message, so an agent's redaction replaces that
 * message and never another whose words are the same (a "Yes" button pressed in many turns):
 * - a copy that names the message (`messageId` on a ticket event, the message's own time on a
 *   notification's quote) is one exactly when it names this message;
 * - a ticket subject quotes the first inbound message whose text it quotes, so it is a copy when
 *   that is this message;
 * - a copy stored before copies named their message is one only when no other message of the
 *   conversation has the same text; otherwise which one it quotes cannot be told, and it is left.
 */
export class MessageCopies {
  readonly #original: string;
  readonly #firstToQuote: (candidate: string) => number | undefined;
  readonly #unique: boolean;

  constructor(
    private readonly message: ConversationMessage & { readonly text: string },
    conversation: readonly ConversationMessage[],
  ) {
    this.#original = message.text;
    const others = conversation.filter((m) => m.id !== message.id && m.text !== null);
    this.#unique = !others.some((m) => quotes(m.text ?? '', message.text) || quotes(message.text, m.text ?? ''));
    const inbound = conversation
      .filter((m) => m.direction === 'inbound' && m.text !== null)
      .sort((a, b) => a.id - b.id);
    this.#firstToQuote = (candidate) => inbound.find((m) => quotes(candidate, m.text ?? ''))?.id;
  }

  /** A ticket's subject (also as a notification carries it). */
  isSubject(subject: string): boolean {
    return quotes(subject, this.#original) && this.#firstToQuote(subject) === this.message.id;
  }

  /** A ticket event's text; `messageId` is the message the event names, when it names one. */
  isEventText(text: string, messageId: unknown): boolean {
    if (messageId !== undefined && messageId !== null) return messageId === this.message.id;
    return this.#unique && quotes(text, this.#original);
  }

  /** A notification's quote of a customer message, which carries that message's time. */
  isRecentMessage(text: string, at: string): boolean {
    return at === this.message.createdAt && quotes(text, this.#original);
  }
}
