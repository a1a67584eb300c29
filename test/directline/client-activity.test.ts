import { describe, expect, it } from 'vitest';
import { checkClientActivity } from '../../src/directline/client-activity.ts';

describe('checkClientActivity', () => {
  it('keeps what the client sent and drops the fields the server owns', () => {
    const result = checkClientActivity({
      type: 'message',
      text: 'hi',
      channelData: { clientActivityID: 'c-1' },
      locale: 'en-US',
      id: 'forged',
      from: { id: 'someone-else', name: 'Casey' },
      conversation: { id: 'another-conversation' },
      recipient: { id: 'x' },
      serviceUrl: 'https://evil.example/',
      timestamp: '2000-01-01T00:00:00Z',
      replyToId: 'x',
    });
    expect(result).toEqual({
      kind: 'ok',
      activity: {
        type: 'message',
        fromName: 'Casey',
        clientActivityId: 'c-1',
        fields: { text: 'hi', channelData: { clientActivityID: 'c-1' }, locale: 'en-US' },
      },
    });
  });

  it('takes the client activity id from channelData.clientActivityID, else from id', () => {
    const fromId = checkClientActivity({ type: 'message', id: 'retry-me' });
    expect(fromId).toEqual({ kind: 'ok', activity: { type: 'message', clientActivityId: 'retry-me', fields: {} } });
    const both = checkClientActivity({ type: 'message', id: 'other', channelData: { clientActivityID: 'web-chat-1' } });
    expect(both.kind === 'ok' ? both.activity.clientActivityId : undefined).toBe('web-chat-1');
  });

  it.each([
    ['null', null, /must be a JSON object/],
    ['an array', [], /must be a JSON object/],
    ['a string', 'hi', /must be a JSON object/],
    ['no type', { text: 'hi' }, /no "\/type" \(it is required\)/],
    ['an empty type', { type: '' }, /"\/type" must not be empty/],
    ['a conversationUpdate', { type: 'conversationUpdate' }, /must be one of message, event, typing/],
    ['an invoke', { type: 'invoke' }, /must be one of/],
    ['text that is not a string', { type: 'message', text: ['a'] }, /"\/text" must be a string/],
    ['attachments that are not an array', { type: 'message', attachments: {} }, /"\/attachments" must be an array/],
    ['channelData that is not an object', { type: 'message', channelData: 'x' }, /"\/channelData" must be an object/],
    ['an event name that is not a string', { type: 'event', name: 5 }, /"\/name" must be a string/],
    ['from that is not an object', { type: 'message', from: 'me' }, /"\/from" must be an object/],
    [
      'a display name of 101 characters',
      { type: 'message', from: { name: 'x'.repeat(101) } },
      /"\/from\/name" must be at most 100 characters/,
    ],
    [
      'a display name that is not a string',
      { type: 'message', from: { name: 5 } },
      /"\/from\/name" must be a string or null/,
    ],
    ['a locale that is not a string', { type: 'message', text: 'hi', locale: 42 }, /"\/locale" must be a string/],
    [
      'an attachment that is not an object',
      { type: 'message', attachments: ['x'] },
      /"\/attachments\/0" must be an object/,
    ],
    [
      'a suggested action title that is not a string',
      { type: 'message', suggestedActions: { actions: [{ title: {} }] } },
      /"\/suggestedActions\/actions\/0\/title" must be a string/,
    ],
    [
      'a value of the wrong type in a nested account',
      { type: 'message', recipient: { id: 7 } },
      /"\/recipient\/id" must be a string/,
    ],
    [
      'text longer than the limit',
      { type: 'message', text: 'x'.repeat(100_001) },
      /"\/text" must be at most 100000 characters/,
    ],
    [
      'a clientActivityID that is a number',
      { type: 'message', channelData: { clientActivityID: 7 } },
      /"\/channelData\/clientActivityID" must be a string/,
    ],
    [
      'an empty clientActivityID',
      { type: 'message', channelData: { clientActivityID: '' } },
      /"\/channelData\/clientActivityID" must not be empty/,
    ],
    ['an id of 201 characters', { type: 'message', id: 'x'.repeat(201) }, /"\/id" must be at most 200 characters/],
  ])('refuses %s, naming the problem', (_name, body, problem) => {
    const result = checkClientActivity(body);
    expect(result.kind).toBe('invalid');
    expect(result.kind === 'invalid' ? result.problem : '').toMatch(problem);
  });

  it.each([['message'], ['event'], ['typing']])('accepts a %s', (type) => {
    expect(checkClientActivity({ type }).kind).toBe('ok');
  });

  it('names every problem it finds, not only the first', () => {
    const result = checkClientActivity({ type: 'message', text: 1, locale: 2 });
    expect(result.kind === 'invalid' ? result.problem : '').toMatch(/"\/text" must be a string/);
    expect(result.kind === 'invalid' ? result.problem : '').toMatch(/"\/locale" must be a string/);
  });

  it('ignores an empty display name', () => {
    expect(checkClientActivity({ type: 'message', from: { id: 'u', name: '' } })).toEqual({
      kind: 'ok',
      activity: { type: 'message', fields: {} },
    });
  });
});
