import type { KnowledgeEntry } from '../../src/knowledge/knowledge-entry.ts';

const ACTIONS = [
  'cancel',
  'change',
  'track',
  'return',
  'refund',
  'reset',
  'delete',
  'renew',
  'upgrade',
  'transfer',
  'verify',
  'replace',
  'report',
  'download',
  'lock',
  'unlock',
];
const OBJECTS = [
  'order',
  'subscription',
  'account',
  'password',
  'card',
  'payment',
  'invoice',
  'parcel',
  'address',
  'voucher',
  'warranty',
  'booking',
  'device',
  'router',
  'licence',
  'statement',
  'receipt',
  'plan',
  'ticket',
  'profile',
];
const DETAILS = ['annual', 'monthly', 'business', 'family', 'premium', 'student', 'expired', 'damaged'];
const TEMPLATES = [
  'how do i {a} my {d} {o}',
  'i want to {a} my {d} {o}',
  'can i {a} the {d} {o}',
  'help me {a} a {d} {o}',
  '{a} {d} {o} please',
];

/**
 * A deterministic knowledge base of `count` entries (action × object × detail intents, five
 * phrasings each): above 300 entries the matcher switches to hashed weights and lexical candidates,
 * so it exercises the large-knowledge-base code paths.
 */
export function generatedEntries(count: number): KnowledgeEntry[] {
  const entries: KnowledgeEntry[] = [];
  for (let i = 0; entries.length < count; i += 1) {
    const a = ACTIONS[i % ACTIONS.length] as string;
    const o = OBJECTS[Math.floor(i / ACTIONS.length) % OBJECTS.length] as string;
    const d = DETAILS[Math.floor(i / (ACTIONS.length * OBJECTS.length)) % DETAILS.length] as string;
    const fill = (t: string): string => t.replace('{a}', a).replace('{d}', d).replace('{o}', o);
    entries.push({
      id: `${a}-${d}-${o}`,
      title: fill('{a} {d} {o}'),
      questions: TEMPLATES.map(fill),
      answer: fill('To {a} your {d} {o}, open the app.'),
      tags: [],
      followUps: [],
      escalate: false,
      enabled: i % 17 !== 5,
    });
  }
  return entries;
}

/** Misspells a text the way customers do: swaps two letters inside every word of 5+ letters. */
export function withTypos(text: string): string {
  return text
    .split(' ')
    .map((word) => (word.length >= 5 ? `${word.slice(0, 2)}${word[3] ?? ''}${word[2] ?? ''}${word.slice(4)}` : word))
    .join(' ');
}
