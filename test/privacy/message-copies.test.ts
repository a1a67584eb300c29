import { describe, expect, it } from 'vitest';
import { type ConversationMessage, MessageCopies, quotes } from '../../src/privacy/message-copies.ts';

const LONG = 'my parcel to the office never arrived and the tracking page has said in transit for weeks';
const cut = (text: string, length: number): string => `${text.slice(0, length - 1)}…`;

const conversation: ConversationMessage[] = [
  { id: 1, text: 'Yes', direction: 'inbound', createdAt: '2026-01-01T10:00:00.000Z' },
  { id: 2, text: LONG, direction: 'inbound', createdAt: '2026-01-01T10:01:00.000Z' },
  { id: 3, text: 'Yes', direction: 'inbound', createdAt: '2026-01-01T10:02:00.000Z' },
  { id: 4, text: 'thanks, one more thing', direction: 'inbound', createdAt: '2026-01-01T10:03:00.000Z' },
  { id: 5, text: 'Yes', direction: 'outbound', createdAt: '2026-01-01T10:04:00.000Z' },
  { id: 6, text: LONG, direction: 'inbound', createdAt: '2026-01-01T10:05:00.000Z' },
];
const copiesOf = (id: number): MessageCopies => {
  const message = conversation.find((m) => m.id === id);
  if (message?.text == null) throw new Error(`no message ${id}`);
  return new MessageCopies({ ...message, text: message.text }, conversation);
};

describe('quotes', () => {
  it.each([
    ['the same words', 'Yes', 'Yes', true],
    ['the same words, spaced differently', '  my  card\nbroke ', 'my card broke', true],
    ['a quote cut short with …', cut(LONG, 60), LONG, true],
    ['a short text ending in …', 'well…', 'well… I guess', false],
    ['a part of the words', 'Yes', 'Yes please', false],
    ['other words', 'No', 'Yes', false],
    ['nothing', '', '', false],
  ] as const)('%s: %s', (_what, candidate, original, expected) => {
    expect(quotes(candidate, original)).toBe(expected);
  });
});

describe('MessageCopies', () => {
  it.each([
    ['an event naming the message', 3, 'Yes', 3, true],
    ['an event naming another message with the same words', 3, 'Yes', 1, false],
    ['an unnamed event whose words other messages share', 3, 'Yes', undefined, false],
    ['an unnamed event whose words only this message has', 4, 'thanks, one more thing', undefined, true],
    ['an unnamed event with other words', 4, 'thanks', undefined, false],
    ['an unnamed event quoting a message said twice', 2, cut(LONG, 50), undefined, false],
  ] as const)('counts %s as a copy: %s', (_what, id, text, messageId, expected) => {
    expect(copiesOf(id).isEventText(text, messageId)).toBe(expected);
  });

  it.each([
    ['the first inbound message with those words', 2, LONG, true],
    ['a later message with the same words', 6, LONG, false],
    ['the first message, quoted cut short', 2, cut(LONG, 40 + 5), true],
    ['a message whose words are not the subject', 4, LONG, false],
  ] as const)('takes a ticket subject as a copy of %s: %s', (_what, id, subject, expected) => {
    expect(copiesOf(id).isSubject(subject)).toBe(expected);
  });

  it.each([
    ['at the message’s own time', 3, 'Yes', '2026-01-01T10:02:00.000Z', true],
    ['at another message’s time', 3, 'Yes', '2026-01-01T10:00:00.000Z', false],
    ['at its time, with other words', 3, 'No', '2026-01-01T10:02:00.000Z', false],
  ] as const)('takes a notification quote %s as a copy: %s', (_what, id, text, at, expected) => {
    expect(copiesOf(id).isRecentMessage(text, at)).toBe(expected);
  });
});
