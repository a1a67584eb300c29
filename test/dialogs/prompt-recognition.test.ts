import type { Activity } from 'botbuilder';
import { ChoicePrompt, ConfirmPrompt } from 'botbuilder-dialogs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { botHarness } from '../helpers/bot-harness.ts';
import { FIXTURE_KB } from '../helpers/fixture-kb.ts';
import { freshDatabase } from '../helpers/test-database.ts';

const R = FIXTURE_KB.responses;
const anonymous = { from: { id: 'anon-1', name: '' } };

function say(text: string): Partial<Activity> {
  return { type: 'message', text, ...anonymous };
}

/** botbuilder's own recognition step, which the prompts' `onPreBubbleEvent` and `continueDialog` both call. */
function spyOnRecognize(prompt: typeof ConfirmPrompt | typeof ChoicePrompt) {
  return vi.spyOn(prompt.prototype as unknown as { onRecognize: () => Promise<unknown> }, 'onRecognize');
}

describe('prompt recognition', () => {
  let ctx: Awaited<ReturnType<typeof freshDatabase>>;
  beforeEach(async () => {
    ctx = await freshDatabase();
  });
  afterEach(async () => {
    vi.restoreAllMocks();
    await ctx.cleanup();
  });

  it.each([
    ['yes', R.askName],
    ['no', R.handoffDeclined],
    ['yes please', R.askName],
    ['nope', R.handoffDeclined],
    ['1', R.askName],
    ['blorp again', R.handoffConfirm],
  ])('recognises %j at "shall I get a person?" once in its turn', async (reply, expected) => {
    const { adapter } = botHarness(ctx.db);
    await adapter
      .send(say('blorp'))
      .assertReply(R.fallback)
      .send(say('blorp blorp'))
      .assertReply((a) => expect(a.text).toContain(R.fallbackOfferHuman));
    const recognize = spyOnRecognize(ConfirmPrompt);
    await adapter.send(say(reply)).assertReply((a) => expect(a.text).toContain(expected));
    expect(recognize).toHaveBeenCalledTimes(1);
  });

  it.each([
    ['yes', R.thanksForFeedback],
    ['no', R.sorryNotHelpful],
    ['yeah', R.thanksForFeedback],
    ['it did not', R.sorryNotHelpful],
  ])('recognises %j at "Did this help?" once in its turn', async (reply, expected) => {
    const { adapter } = botHarness(ctx.db);
    await adapter
      .send(say('where is my order'))
      .assertReply(() => {})
      .assertReply(R.didThisHelp);
    const recognize = spyOnRecognize(ChoicePrompt);
    await adapter.send(say(reply)).assertReply((a) => expect(a.text).toContain(expected));
    expect(recognize).toHaveBeenCalledTimes(1);
  });

  it('recognises a new question at "Did this help?" once, then answers it', async () => {
    const { adapter } = botHarness(ctx.db);
    await adapter
      .send(say('where is my order'))
      .assertReply(() => {})
      .assertReply(R.didThisHelp);
    const recognize = spyOnRecognize(ChoicePrompt);
    await adapter.send(say('can I return an item?')).assertReply((a) => expect(a.text).not.toBe(R.didThisHelp));
    expect(recognize).toHaveBeenCalledTimes(1);
  });

  it.each([['yes'], ['no'], ['not now'], ['ok then'], ['my parcel is late'], ['blorp again']])(
    'does not match %j, a reply to "shall I get a person?", against the knowledge',
    async (reply) => {
      const matched: string[] = [];
      const { adapter } = botHarness(ctx.db, {
        matchText: (text) => {
          matched.push(text);
          return { kind: 'no-match', candidates: [] };
        },
      });
      await adapter
        .send(say('blorp'))
        .assertReply(R.fallback)
        .send(say('blorp blorp'))
        .assertReply((a) => expect(a.text).toContain(R.fallbackOfferHuman));
      matched.length = 0;
      await adapter.send(say(reply)).assertReply(() => {});
      expect(matched).toEqual([]);
    },
  );
});
