import { createRequire } from 'node:module';
import { ConversationState, MemoryStorage, TestAdapter } from 'botbuilder';
import { DialogSet, DialogTurnStatus, type FoundChoice } from 'botbuilder-dialogs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { NUMBER_RECOGNITION_LOCALE, OncePerTurnChoicePrompt } from '../../dialogs/once-per-turn.prompt.ts';

// botbuilder-dialogs' recognizeChoices reads the recognizers from this module object at each call.
const numbers = createRequire(import.meta.url)('@microsoft/recognizers-text-number') as {
  recognizeNumber: (text: string, culture: string) => unknown[];
  recognizeOrdinal: (text: string, culture: string) => unknown[];
};

/** A rating prompt (1 to 5) as the CSAT survey asks it; replies the result or "again". */
function ratingBot(): TestAdapter {
  const state = new ConversationState(new MemoryStorage());
  const dialogs = new DialogSet(state.createProperty('dialogs'));
  dialogs.add(new OncePerTurnChoicePrompt('rating', async ({ recognized }) => recognized.succeeded));
  return new TestAdapter(async (context) => {
    const dc = await dialogs.createContext(context);
    const result = await dc.continueDialog();
    if (result.status === DialogTurnStatus.empty) {
      await dc.prompt('rating', { prompt: 'Rate us', retryPrompt: 'again', choices: ['1', '2', '3', '4', '5'] });
    } else if (result.status === DialogTurnStatus.complete) {
      await context.sendActivity(`rated ${(result.result as FoundChoice).value}`);
    }
    await state.saveChanges(context);
  });
}

const say = (text: string, locale: string) => ({ type: 'message', text, locale });

describe('choice prompts recognise numbers in one culture', () => {
  afterEach(() => vi.restoreAllMocks());

  it.each(['fr-FR', 'es-ES', 'pt-BR', 'de-DE', 'ja-JP', 'en-GB'])(
    'never run the number recognizers of a %s client: ordinary text stays quick, a digit still rates',
    async (locale) => {
      const cultures = new Set<string>();
      for (const name of ['recognizeNumber', 'recognizeOrdinal'] as const) {
        const original = numbers[name];
        vi.spyOn(numbers, name).mockImplementation((text, culture) => {
          cultures.add(culture);
          return original(text, culture);
        });
      }
      await ratingBot()
        .send(say('hi', locale))
        .assertReply((a) => expect(a.text).toMatch(/^Rate us/))
        .send(say('where is my order please', locale))
        .assertReply((a) => expect(a.text).toMatch(/^again/))
        .send(say('I would give you a 4', locale))
        .assertReply('rated 4')
        .startTest();
      expect([...cultures]).toEqual([NUMBER_RECOGNITION_LOCALE]);
    },
  );

  it('rates by the choices themselves and by English number words', async () => {
    await ratingBot()
      .send(say('hello', 'fr-FR'))
      .assertReply((a) => expect(a.text).toMatch(/^Rate us/))
      .send(say('five', 'fr-FR'))
      .assertReply('rated 5')
      .startTest();
    await ratingBot()
      .send(say('hello', 'nl-NL'))
      .assertReply((a) => expect(a.text).toMatch(/^Rate us/))
      .send(say('3', 'nl-NL'))
      .assertReply('rated 3')
      .startTest();
  });
});
