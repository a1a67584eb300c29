/**
 * Generates synthetic support knowledge bases of a given size for the scale benchmark: each entry
 * is one (action, object, detail) intent, e.g. "cancel" × "subscription" × "annual", with about ten
 * phrasings built from customer-style templates, synonyms and occasional typos, plus held-out
 * phrasings of the same intents to match against. Seeded, so every run sees the same data.
 */
import type { KnowledgeEntry } from '../src/knowledge/knowledge-entry.ts';
import { SeededRandom } from '../src/ml/seeded-random.ts';

const ACTIONS: readonly (readonly string[])[] = [
  ['cancel', 'stop', 'terminate'],
  ['change', 'update', 'modify'],
  ['track', 'trace', 'follow'],
  ['return', 'send back'],
  ['refund', 'get my money back for'],
  ['pay for', 'pay'],
  ['reset', 'restore'],
  ['delete', 'remove'],
  ['activate', 'enable', 'turn on'],
  ['deactivate', 'disable', 'turn off'],
  ['renew', 'extend'],
  ['upgrade', 'improve'],
  ['downgrade', 'reduce'],
  ['transfer', 'move'],
  ['verify', 'confirm'],
  ['replace', 'swap'],
  ['report', 'flag'],
  ['download', 'save'],
  ['share', 'send'],
  ['lock', 'freeze'],
  ['unlock', 'unfreeze'],
  ['link', 'connect'],
  ['unlink', 'disconnect'],
  ['order', 'buy', 'purchase'],
  ['book', 'reserve', 'schedule'],
  ['reschedule', 'postpone', 'move'],
  ['split', 'divide'],
  ['merge', 'combine'],
  ['export', 'extract'],
  ['import', 'upload'],
  ['repair', 'fix'],
  ['install', 'set up'],
  ['uninstall', 'get rid of'],
  ['top up', 'add money to'],
  ['withdraw from', 'take money out of'],
  ['dispute', 'challenge'],
  ['claim', 'request'],
  ['exchange', 'trade in'],
  ['register', 'sign up for'],
  ['recover', 'get back'],
];
const OBJECTS: readonly string[] = [
  'order',
  'subscription',
  'account',
  'password',
  'card',
  'payment',
  'invoice',
  'parcel',
  'delivery',
  'address',
  'email address',
  'phone number',
  'profile',
  'membership',
  'voucher',
  'gift card',
  'warranty',
  'appointment',
  'booking',
  'ticket',
  'reservation',
  'plan',
  'device',
  'router',
  'modem',
  'app',
  'license',
  'insurance policy',
  'loan',
  'mortgage',
  'savings account',
  'transfer',
  'direct debit',
  'standing order',
  'statement',
  'receipt',
  'refund',
  'return label',
  'package',
  'shipment',
  'cart',
  'wishlist',
  'review',
  'photo',
  'document',
  'contract',
  'meter reading',
  'tariff',
  'bill',
  'pin',
  'login',
  'two factor code',
  'newsletter',
  'notification',
  'backup',
  'storage',
  'data plan',
  'sim card',
  'phone',
  'laptop',
  'printer',
  'mattress',
  'sofa',
  'bicycle',
  'flight',
  'hotel room',
  'rental car',
  'course',
  'exam',
  'prescription',
  'pet insurance',
];
const DETAILS: readonly string[] = [
  'online',
  'international',
  'annual',
  'monthly',
  'business',
  'family',
  'premium',
  'student',
  'joint',
  'old',
  'new',
  'second',
  'expired',
  'damaged',
  'lost',
  'duplicate',
  'pending',
  'urgent',
  'temporary',
  'digital',
  'paper',
  'shared',
  'backup',
  'trial',
  'corporate',
  'weekend',
  'overseas',
  'default',
  'secondary',
  'express',
];
const TEMPLATES: readonly string[] = [
  'how do i {a} my {d} {o}',
  'i want to {a} my {d} {o}',
  'can i {a} the {d} {o}',
  'i need to {a} a {d} {o} please',
  'help me {a} my {d} {o}',
  'is it possible to {a} my {d} {o}',
  "i can't {a} my {d} {o}",
  'where can i {a} the {d} {o}',
  'what do i do to {a} my {d} {o}',
  '{a} {d} {o}',
  'why am i not able to {a} my {d} {o}',
  'hi, how can i {a} my {d} {o} today',
  'please {a} my {d} {o} asap',
  'trying to {a} the {d} {o} but it fails',
  'steps to {a} a {d} {o}?',
  'is there a fee to {a} my {d} {o}',
  'when can i {a} my {d} {o}',
  'could you {a} my {d} {o} for me',
];

function typo(word: string, random: SeededRandom): string {
  if (word.length < 5) return word;
  const i = 1 + random.nextInt(word.length - 2);
  return word.slice(0, i) + (word[i + 1] ?? '') + (word[i] ?? '') + word.slice(i + 2);
}

function phrase(
  template: string,
  action: readonly string[],
  object: string,
  detail: string,
  random: SeededRandom,
): string {
  const a = action[random.nextInt(action.length)] as string;
  const text = template.replace('{a}', a).replace('{d}', detail).replace('{o}', object);
  return random.next() < 0.15
    ? text
        .split(' ')
        .map((w) => (random.next() < 0.3 ? typo(w, random) : w))
        .join(' ')
    : text;
}

/** A synthetic knowledge base with about `phrasings` questions (10 per entry) and 2 test texts per sampled entry. */
export function syntheticKnowledge(
  phrasings: number,
  seed = 1,
): { entries: KnowledgeEntry[]; tests: { text: string; id: string }[] } {
  const random = new SeededRandom(seed);
  const count = Math.ceil(phrasings / 10);
  const intents: [number, number, number][] = [];
  for (let a = 0; a < ACTIONS.length; a += 1)
    for (let o = 0; o < OBJECTS.length; o += 1) for (let d = 0; d < DETAILS.length; d += 1) intents.push([a, o, d]);
  random.shuffle(intents);
  const entries: KnowledgeEntry[] = [];
  const tests: { text: string; id: string }[] = [];
  for (const [a, o, d] of intents.slice(0, count)) {
    const action = ACTIONS[a] as readonly string[];
    const object = OBJECTS[o] as string;
    const detail = DETAILS[d] as string;
    const id = `${action[0]}-${detail}-${object}`.replace(/\s+/g, '-');
    const templates = random.shuffle([...TEMPLATES]);
    entries.push({
      id,
      title: `${action[0]} ${detail} ${object}`,
      questions: templates.slice(0, 10).map((t) => phrase(t, action, object, detail, random)),
      answer: `To ${action[0]} your ${detail} ${object}, open the app.`,
      tags: [],
      followUps: [],
      escalate: false,
      enabled: true,
    });
    for (const t of templates.slice(10, 12)) tests.push({ text: phrase(t, action, object, detail, random), id });
  }
  return { entries, tests };
}
