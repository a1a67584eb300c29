import type { Activity, CloudAdapter, TurnContext } from 'botbuilder';
import { type AuthenticateRequestResult, AuthenticationConstants } from 'botframework-connector';
import { describe, expect, it } from 'vitest';
import { DIRECT_LINE_SERVICE_URL, DirectLineBridge, type TurnLogic } from '../../src/bot/directline-bridge.ts';
import { DirectLineConnectorClient } from '../../src/bot/directline-connector-client.ts';
import type { DirectLineActivity } from '../../src/directline/directline-activity.ts';
import { createLogger } from '../../src/logging/logger.ts';

const SERVICE_URL = DIRECT_LINE_SERVICE_URL;

const activity: DirectLineActivity = {
  type: 'message',
  id: 'conv-1|0000001',
  timestamp: '2026-01-01T00:00:00.000Z',
  channelId: 'directline',
  conversation: { id: 'conv-1' },
  from: { id: 'dl_1', role: 'user' },
  recipient: { id: 'answerdesk-bot', role: 'bot' },
  text: 'hello',
};

/** A stand-in for the CloudAdapter that records what it was asked to process. */
function fakeAdapter(behaviour: (auth: AuthenticateRequestResult, activity: Activity) => Promise<void>): {
  adapter: CloudAdapter;
  calls: Array<{ auth: AuthenticateRequestResult; activity: Activity }>;
} {
  const calls: Array<{ auth: AuthenticateRequestResult; activity: Activity }> = [];
  const adapter = {
    processActivityDirect: async (auth: AuthenticateRequestResult, inbound: Activity) => {
      calls.push({ auth, activity: inbound });
      await behaviour(auth, inbound);
    },
  } as unknown as CloudAdapter;
  return { adapter, calls };
}

const noLogic = async (_context: TurnContext): Promise<void> => {};
const logger = createLogger('silent');
const replies = { postFromBot: async () => ({ kind: 'ok' as const, id: 'conv-1|0000002' }) };

function bridgeOn(adapter: CloudAdapter, appId = '', logic: TurnLogic = noLogic): DirectLineBridge {
  return new DirectLineBridge({ adapter, logic, appId, replies, logger });
}

describe('DirectLineBridge', () => {
  it('runs the turn with the internal serviceUrl and the app id in the claims', async () => {
    const { adapter, calls } = fakeAdapter(async () => {});
    const bridge = bridgeOn(adapter, 'app-id-1');
    expect(await bridge.runTurn(activity)).toBe(true);
    const [call] = calls;
    expect(call?.activity).toMatchObject({ ...activity, serviceUrl: SERVICE_URL });
    expect(call?.auth.claimsIdentity.getClaimValue(AuthenticationConstants.AppIdClaim)).toBe('app-id-1');
    expect(call?.auth.claimsIdentity.getClaimValue(AuthenticationConstants.AudienceClaim)).toBe('app-id-1');
  });

  it('builds anonymous Connector clients for the internal endpoint only', async () => {
    const { adapter, calls } = fakeAdapter(async () => {});
    const bridge = bridgeOn(adapter, 'app-id-1');
    await bridge.runTurn(activity);
    const factory = calls[0]?.auth.connectorFactory;
    const client = await factory?.create(SERVICE_URL, AuthenticationConstants.ToChannelFromBotOAuthScope);
    expect(client?.['baseUri']).toBe(SERVICE_URL);
    await expect(factory?.create('https://smba.trafficmanager.net/emea/', 'x')).rejects.toThrow(
      /only reply through the internal/,
    );
  });

  it('never rejects when the turn fails, and says so', async () => {
    const { adapter } = fakeAdapter(() => Promise.reject(new Error('boom')));
    const bridge = bridgeOn(adapter);
    await expect(bridge.runTurn(activity)).resolves.toBe(false);
  });

  it('gives the turn its own copy of the activity', async () => {
    const { adapter } = fakeAdapter(async (_auth, inbound) => {
      inbound.text = 'changed by the bot';
    });
    const bridge = bridgeOn(adapter);
    await bridge.runTurn(activity);
    expect(activity.text).toBe('hello');
  });

  it('sends proactive messages through the current internal serviceUrl, whatever the reference says', async () => {
    const { adapter, calls } = fakeAdapter(async () => {});
    const bridge = bridgeOn(adapter);
    await bridge.continueConversation(
      {
        serviceUrl: 'http://127.0.0.1:1/_directline-connector/old/',
        channelId: 'directline',
        conversation: { id: 'conv-1', isGroup: false, conversationType: '', name: '' },
      },
      noLogic,
    );
    expect(calls[0]?.activity).toMatchObject({
      type: 'event',
      name: 'ContinueConversation',
      serviceUrl: SERVICE_URL,
      conversation: { id: 'conv-1' },
    });
  });

  it('serves every turn the same fixed serviceUrl, which no server answers', () => {
    const { adapter } = fakeAdapter(async () => {});
    expect(bridgeOn(adapter).serviceUrl).toBe(DIRECT_LINE_SERVICE_URL);
    expect(new URL(DIRECT_LINE_SERVICE_URL).hostname).toMatch(/\.invalid$/);
  });
});

describe('DirectLineConnectorClient', () => {
  type Posted = { conversationId: string; body: Readonly<Record<string, unknown>>; replyToId: string | undefined };
  function clientStoring(
    result: { kind: 'ok'; id: string } | { kind: 'not-found' } = { kind: 'ok', id: 'conv-1|0000009' },
  ) {
    const posted: Posted[] = [];
    const client = new DirectLineConnectorClient(DIRECT_LINE_SERVICE_URL, {
      postFromBot: async (conversationId, body, replyToId) => {
        posted.push({ conversationId, body, replyToId });
        return result;
      },
    });
    return { client, posted };
  }

  it('stores a reply in-process as wire JSON and answers its transcript id', async () => {
    const { client, posted } = clientStoring();
    const timestamp = new Date('2026-01-02T03:04:05.000Z');
    const response = await client.conversations.sendToConversation('conv-1', {
      type: 'message',
      text: 'hello',
      timestamp,
      locale: undefined,
    });
    expect(response.id).toBe('conv-1|0000009');
    expect(posted).toEqual([
      {
        conversationId: 'conv-1',
        body: { type: 'message', text: 'hello', timestamp: '2026-01-02T03:04:05.000Z' },
        replyToId: undefined,
      },
    ]);
  });

  it.each([
    ['an activity of the conversation', 'conv-1|0000003', 'conv-1|0000003'],
    ['an activity of another conversation', 'conv-2|0000003', undefined],
    ['an id the server never made', 'a1b2c3', undefined],
    ['a conversation id prefix without a seq', 'conv-1|', undefined],
  ])('keeps the replyToId only when it names %s', async (_what, replyToId, kept) => {
    const { client, posted } = clientStoring();
    await client.conversations.replyToActivity('conv-1', replyToId, { type: 'message', text: 'x' });
    await client.conversations.sendToConversation('conv-1', { type: 'message', text: 'y', replyToId });
    expect(posted.map((p) => p.replyToId)).toEqual([kept, kept]);
    expect(posted.every((p) => !('replyToId' in p.body))).toBe(true);
  });

  it('refuses an activity the schema refuses, naming the field, and stores nothing', async () => {
    const { client, posted } = clientStoring();
    await expect(
      client.conversations.sendToConversation('conv-1', { type: 'message', text: 42 } as unknown as Partial<Activity>),
    ).rejects.toThrow(/"\/text"/);
    expect(posted).toEqual([]);
  });

  it('rejects a reply into a conversation that does not exist', async () => {
    const { client } = clientStoring({ kind: 'not-found' });
    await expect(client.conversations.sendToConversation('gone', { type: 'message', text: 'x' })).rejects.toThrow(
      /"gone".*no such conversation/,
    );
  });
});
