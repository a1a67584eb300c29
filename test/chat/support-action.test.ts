import { describe, expect, it } from 'vitest';
import { actionButton, parseSupportAction, type SupportAction } from '../../src/chat/support-action.ts';

describe('parseSupportAction', () => {
  it.each<SupportAction>([
    { kind: 'entry', entryId: 'track-order' },
    { kind: 'entry', entryId: 'track-order', question: 12 },
    { kind: 'none-of-these' },
    { kind: 'none-of-these', question: 1 },
    { kind: 'human' },
  ])('reads back what a button carries: %j', (action) => {
    expect(parseSupportAction(actionButton('Title', action).value)).toEqual(action);
  });

  it.each([
    ['a negative id', -1],
    ['zero', 0],
    ['a fraction', 2.5],
    ['a number beyond safe integers', 2 ** 60],
    ['a string', '12'],
    ['an object', { id: 12 }],
    ['NaN', Number.NaN],
    ['null', null],
  ])('drops a question id that is %s, keeping the button', (_label, question) => {
    expect(parseSupportAction({ answerdesk: { kind: 'none-of-these', question } })).toEqual({ kind: 'none-of-these' });
    expect(parseSupportAction({ answerdesk: { kind: 'entry', entryId: 'x', question } })).toEqual({
      kind: 'entry',
      entryId: 'x',
    });
  });

  it.each([
    ['no value', undefined],
    ['another bot framework value', { action: 'submit' }],
    ['an unknown kind', { answerdesk: { kind: 'delete-everything' } }],
    ['an entry without an id', { answerdesk: { kind: 'entry' } }],
    ['an overlong entry id', { answerdesk: { kind: 'entry', entryId: 'x'.repeat(201) } }],
  ])('is undefined for %s', (_label, value) => {
    expect(parseSupportAction(value)).toBeUndefined();
  });
});
