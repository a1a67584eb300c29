import { addRedactionCounts, type RedactionCounts, type TextRedactor } from './redaction.ts';

/**
 * Activity fields that are the channel's and the server's bookkeeping (ids, routing, times,
 * formats, an event's name), never anyone's words. Every other field is redacted, so a field a
 * channel invents is masked too.
 */
const BOOKKEEPING_FIELDS: ReadonlySet<string> = new Set([
  'type',
  'id',
  'timestamp',
  'localTimestamp',
  'localTimezone',
  'channelId',
  'serviceUrl',
  'conversation',
  'from',
  'recipient',
  'replyToId',
  'locale',
  'textFormat',
  'inputHint',
  'deliveryMode',
  'callerId',
  'name',
  'membersAdded',
  'membersRemoved',
  'relatesTo',
  'expiration',
  'importance',
  'attachmentLayout',
  'valueType',
]);

/**
 * `channelData` keys that must come back exactly as sent: the id Web Chat matches its echo by (a
 * changed one marks the message as failed), its clock, and the server's own `answerdesk` marks.
 */
const BOOKKEEPING_CHANNEL_DATA: ReadonlySet<string> = new Set(['clientActivityID', 'clientTimestamp', 'answerdesk']);

/** An activity after redaction: what may be stored, and what was masked in it by type (never the clear text). */
export interface ActivityRedaction<T> {
  /** The same object when nothing was masked, else a copy with every masked string replaced. */
  readonly activity: T;
  readonly counts: RedactionCounts;
}

/**
 * Masks personal data in every string of an activity that can carry people's words: `text`,
 * `speak`, `summary`, `value` (card and prompt submissions, at any depth), `attachments` (names,
 * URLs, inline card content), `entities`, `channelData` (minus {@link BOOKKEEPING_CHANNEL_DATA})
 * and any field a channel adds; object keys too, since a submitted form may use typed text as a
 * key. Ids, addresses and routing ({@link BOOKKEEPING_FIELDS}) stay as they are, so the stored
 * activity still threads and echoes.
 *
 * @example
 * redactActivity({ type: 'message', value: { card: '4111 1111 1111 1111' } }, redactor).counts; // { card: 1 }
 */
export function redactActivity<T extends Readonly<Record<string, unknown>>>(
  activity: T,
  redactor: TextRedactor,
): ActivityRedaction<T> {
  let counts: RedactionCounts = {};
  const maskString = (text: string): string => {
    if (text === '') return text;
    const redaction = redactor.redact(text);
    if (redaction.text === text) return text;
    counts = addRedactionCounts(counts, redaction.counts);
    return redaction.text;
  };
  const mask = (value: unknown, keep?: ReadonlySet<string>): unknown => {
    if (typeof value === 'string') return maskString(value);
    if (Array.isArray(value)) {
      const items = value.map((item) => mask(item));
      return items.every((item, i) => item === value[i]) ? value : items;
    }
    if (typeof value !== 'object' || value === null) return value;
    let changed = false;
    const entries = Object.entries(value).map(([key, item]): [string, unknown] => {
      const next = keep?.has(key) ? ([key, item] as [string, unknown]) : ([maskString(key), mask(item)] as const);
      if (next[0] !== key || next[1] !== item) changed = true;
      return [next[0], next[1]];
    });
    return changed ? Object.fromEntries(entries) : value;
  };
  let copy: Record<string, unknown> | undefined;
  for (const [key, value] of Object.entries(activity)) {
    if (BOOKKEEPING_FIELDS.has(key)) continue;
    const next = mask(value, key === 'channelData' ? BOOKKEEPING_CHANNEL_DATA : undefined);
    if (next === value) continue;
    copy ??= { ...activity };
    copy[key] = next;
  }
  return { activity: (copy ?? activity) as T, counts };
}
