import { normaliseChatText } from './chat-text.ts';
import { detectPersonRequest } from './person-request.ts';

/**
 * Commands that can interrupt a dialog. `start-over` is about the conversation itself ("start
 * over", "never mind") and always resets it; `stop` ("cancel", "stop", "quit") only means "stop
 * what we are doing" while something is in progress: typed on its own, a shopper most likely means
 * an order or a subscription, so the router treats it as a question then.
 */
const INTERRUPTIONS = ['help', 'start-over', 'stop', 'human'] as const;
export type Interruption = (typeof INTERRUPTIONS)[number];

// Only short, whole-message commands count: "help me track my order" is a question, not "help".
const OPENER =
  "(?:(?:ok|okay|no|oh|um|hmm|actually|sorry|please|just|so|wait|let's|lets|can we|could we|i want to|i'd like to)\\s+)*";
const CLOSER = '(?:\\s+(?:please|pls|thanks|thank you|then|now|instead|again))*';
const HELP = new RegExp(
  `^${OPENER}(?:help|help me|help please|menu|main menu|options|what can you do|what can i ask(?: you)?|what do you do|how does this work|how do i use this|what are my options)${CLOSER}$`,
);
const START_OVER = new RegExp(
  `^${OPENER}(?:start over|start again|start from (?:the beginning|scratch)|restart|reset|begin again|go back to the start|new conversation|never ?mind|forget it|forget about it|nvm|scratch that)${CLOSER}$`,
);
const STOP = new RegExp(
  `^${OPENER}(?:cancel|stop|quit|exit|abort|end|cancel (?:that|this|it)|stop (?:that|this|it))${CLOSER}$`,
);

/**
 * Recognises "help", "start over", "cancel" / "stop", and a request for a person (any wording
 * {@link detectPersonRequest} hears) in a whole message. A request for a person may be a sentence
 * among others; the other commands must be the whole message.
 *
 * @example
 * detectInterruption('Can I speak to a real person?') // 'human'
 * detectInterruption('cancel')                        // 'stop': the router decides what it means now
 * detectInterruption('help me find my order')          // null: a question for the knowledge base
 */
export function detectInterruption(text: string | undefined): Interruption | null {
  if (text === undefined) return null;
  const full = normaliseChatText(text);
  if (/^\?+$/.test(full)) return 'help';
  const t = full
    .replace(/[.!?;,:]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (t === '') return null;
  if (t.length <= 80) {
    if (HELP.test(t)) return 'help';
    if (START_OVER.test(t)) return 'start-over';
    if (STOP.test(t)) return 'stop';
  }
  return detectPersonRequest(text) === null ? null : 'human';
}
