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
    ['no type', { text: 'hi' }, /no "type"/],
    ['an empty type', { type: '' }, /no "type"/],
    ['a conversationUpdate', { type: 'conversationUpdate' }, /must be one of message, event, typing/],
    ['an invoke', { type: 'invoke' }, /must be one of/],
    ['text that is not a string', { type: 'message', text: ['a'] }, /"text" must be a string/],
    ['attachments that are not an array', { type: 'message', attachments: {} }, /"attachments" must be an array/],
    ['channelData that is not an object', { type: 'message', channelData: 'x' }, /"channelData" must be an object/],
    ['an event name that is not a string', { type: 'event', name: 5 }, /"name" must be a string/],
    ['from that is not an object', { type: 'message', from: 'me' }, /"from" must be an object/],
    ['a clientActivityID that is a number', { type: 'message', channelData: { clientActivityID: 7 } }, /"channelData.clientActivityID" must be a non-empty string/],
    ['an empty clientActivityID', { type: 'message', channelData: { clientActivityID: '' } }, /"channelData.clientActivityID" must be a non-empty string/],
    ['an id of 201 characters', { type: 'message', id: 'x'.repeat(201) }, /"id" must be a non-empty string of at most 200/],
    ['a display name of 101 characters', { type: 'message', from: { name: 'x'.repeat(101) } }, /"from.name" must be a string of at most 100/],
  ])('refuses %s, naming the problem', (_name, body, problem) => {
    const result = checkClientActivity(body);
    expect(result.kind).toBe('invalid');
    expect(result.kind === 'invalid' ? result.problem : '').toMatch(problem);
  });

  it.each([['message'], ['event'], ['typing']])('accepts a %s', (type) => {
    expect(checkClientActivity({ type }).kind).toBe('ok');
  });

  it('ignores an empty display name', () => {
    expect(checkClientActivity({ type: 'message', from: { id: 'u', name: '' } })).toEqual({ kind: 'ok', activity: { type: 'message', fields: {} } });
  });
});
