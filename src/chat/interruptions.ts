/** Commands that interrupt any dialog at any step. */
const INTERRUPTIONS = ['help', 'start-over', 'human'] as const;
export type Interruption = (typeof INTERRUPTIONS)[number];

// Only short, whole-message commands count: "help me track my order" is a question, not "help".
const HELP = /^(help|help me|\?+|menu|options|what can you do|what can i ask( you)?|how does this work)$/;
const START_OVER = /^(start over|start again|restart|reset|cancel|never ?mind|forget it|quit|stop|begin again)$/;
const HUMAN_WORDS =
  '(a |an |some |the |real |live |actual )*(human|person|agent|someone|somebody|representative|rep|operator|people|staff|customer service)';
const HUMAN = new RegExp(
  `^(${HUMAN_WORDS}|(i want to |i need to |can i |could i |let me |i would like to |i'd like to |please )?(talk|speak|chat) (to|with) ${HUMAN_WORDS}( please)?|(get|give) me ${HUMAN_WORDS}|human please|agent please)$`,
);

/** Lower-cases, trims, drops trailing punctuation and squeezes spaces. */
function normalise(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u2019]/g, "'")
    .replace(/[.!,;:]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Recognises "help", "start over" and "talk to a human" (and their variants) in a whole message.
 *
 * @example
 * detectInterruption('Can I speak to a real person?') // 'human'
 * detectInterruption('help me find my order')          // null: a question for the knowledge base
 */
export function detectInterruption(text: string | undefined): Interruption | null {
  if (text === undefined) return null;
  const full = normalise(text);
  if (/^\?+$/.test(full)) return 'help';
  const t = full.replace(/\?+$/, '').trim();
  if (t === '' || t.length > 80) return null;
  if (HELP.test(t)) return 'help';
  if (START_OVER.test(t)) return 'start-over';
  if (HUMAN.test(t)) return 'human';
  return null;
}
