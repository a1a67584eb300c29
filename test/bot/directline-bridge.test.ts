import type { Activity, CloudAdapter, TurnContext } from 'botbuilder';
import { type AuthenticateRequestResult, AuthenticationConstants } from 'botframework-connector';
import { describe, expect, it } from 'vitest';
import { DirectLineBridge } from '../../src/bot/directline-bridge.ts';
import type { DirectLineActivity } from '../../src/directline/directline-activity.ts';
import { createLogger } from '../../src/logging/logger.ts';

const SERVICE_URL = 'http://127.0.0.1:40000/_directline-connector/token/';

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

describe('DirectLineBridge', () => {
  it('runs the turn with the internal serviceUrl and the app id in the claims', async () => {
    const { adapter, calls } = fakeAdapter(async () => {});
    const bridge = new DirectLineBridge(adapter, noLogic, 'app-id-1', logger);
    bridge.setServiceUrl(SERVICE_URL);
    expect(await bridge.runTurn(activity)).toBe(true);
    const [call] = calls;
    expect(call?.activity).toMatchObject({ ...activity, serviceUrl: SERVICE_URL });
    expect(call?.auth.claimsIdentity.getClaimValue(AuthenticationConstants.AppIdClaim)).toBe('app-id-1');
    expect(call?.auth.claimsIdentity.getClaimValue(AuthenticationConstants.AudienceClaim)).toBe('app-id-1');
  });

  it('builds anonymous Connector clients for the internal endpoint only', async () => {
    const { adapter, calls } = fakeAdapter(async () => {});
    const bridge = new DirectLineBridge(adapter, noLogic, 'app-id-1', logger);
    bridge.setServiceUrl(SERVICE_URL);
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
    const bridge = new DirectLineBridge(adapter, noLogic, '', logger);
    bridge.setServiceUrl(SERVICE_URL);
    await expect(bridge.runTurn(activity)).resolves.toBe(false);
  });

  it('gives the turn its own copy of the activity', async () => {
    const { adapter } = fakeAdapter(async (_auth, inbound) => {
      inbound.text = 'changed by the bot';
    });
    const bridge = new DirectLineBridge(adapter, noLogic, '', logger);
    bridge.setServiceUrl(SERVICE_URL);
    await bridge.runTurn(activity);
    expect(activity.text).toBe('hello');
  });

  it('sends proactive messages through the current internal serviceUrl, whatever the reference says', async () => {
    const { adapter, calls } = fakeAdapter(async () => {});
    const bridge = new DirectLineBridge(adapter, noLogic, '', logger);
    bridge.setServiceUrl(SERVICE_URL);
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

  it('refuses to run before the internal endpoint is listening', async () => {
    const { adapter } = fakeAdapter(async () => {});
    const bridge = new DirectLineBridge(adapter, noLogic, '', logger);
    expect(() => bridge.serviceUrl).toThrow(/not listening yet/);
  });
});
