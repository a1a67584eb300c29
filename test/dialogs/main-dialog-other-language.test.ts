import type { TurnContext } from 'botbuilder';
import { beforeAll, describe, expect, it } from 'vitest';
import { turnLanguage } from '../../src/chat/turn-analysis.ts';
import { loadKnowledgeBase } from '../../src/knowledge/files/knowledge.loader.ts';
import type { KnowledgeBase } from '../../src/knowledge/knowledge-base.ts';
import { AnswerMatcher } from '../../src/knowledge/matching/answer-matcher.ts';
import { botHarness, suggestedTitles } from '../helpers/bot-harness.ts';
import { FIXTURE_KNOWLEDGE_DIR } from '../helpers/test-config.ts';
import { freshDatabaseEachTest } from '../helpers/test-database.ts';

const MESSAGES = [
  ['fr', 'Bonjour, je voudrais savoir où est ma commande, je l’attends depuis dix jours.', 'anglais'],
  ['de', 'Hallo, mein Paket ist immer noch nicht angekommen. Was kann ich tun?', 'Englisch'],
  ['es', 'Hola, quiero devolver unos zapatos que me quedan pequeños.', 'inglés'],
  ['it', 'Buongiorno, non ho ancora ricevuto il rimborso del mio reso.', 'inglese'],
  ['pt', 'Olá, fui cobrado duas vezes pela mesma encomenda e ninguém me responde.', 'inglês'],
  ['nl', 'Goedemiddag, ik wil graag weten wanneer mijn bestelling wordt bezorgd.', 'Engels'],
  ['pl', 'Dzień dobry, nie mogę zalogować się na swoje konto od wczoraj.', 'angielski'],
  ['tr', 'Merhaba, siparişimi iptal etmek istiyorum, hâlâ kargoya verilmedi mi?', 'İngilizce'],
] as const;

/** The real matcher on the fixture knowledge; the language noted this turn is read after the dialogs ran. */
describe('MainDialog on messages in other languages', () => {
  let kb: KnowledgeBase;
  let matcher: AnswerMatcher;
  const ctx = freshDatabaseEachTest();
  beforeAll(async () => {
    kb = await loadKnowledgeBase(FIXTURE_KNOWLEDGE_DIR);
    matcher = AnswerMatcher.build({ entries: kb.entries, outOfScope: kb.outOfScope });
  });

  function harness() {
    const noted: (string | undefined)[] = [];
    const bot = botHarness(ctx.db, { kb, matchText: (text) => matcher.match(text) });
    bot.adapter.use(async (context: TurnContext, next) => {
      await next();
      noted.push(turnLanguage(context));
    });
    return { ...bot, noted };
  }

  it.each(MESSAGES)(
    'answers a %s message it cannot match in that language, naming the bot’s language, with a person button',
    async (language, text, english) => {
      const { adapter, noted } = harness();
      expect(matcher.match(text).kind).toBe('no-match');
      await adapter.send(text).assertReply((a) => {
        const own = kb.responses.otherLanguage?.[language] as string;
        expect(a.text).toBe(own.replace('{languages}', english));
        expect(suggestedTitles(a)).toEqual([kb.responses.offerHuman]);
      });
      expect(noted).toEqual([language]);
    },
  );

  it('the person button starts the handoff', async () => {
    const { adapter } = harness();
    await adapter
      .send('Bonjour, je voudrais savoir où est ma commande, je l’attends depuis dix jours.')
      .assertReply(() => {})
      .send({ type: 'message', text: kb.responses.offerHuman, value: { answerdesk: { kind: 'human' } } })
      .assertReply((a) => expect(a.text).toBeTruthy());
  });

  it.each([
    ['tell me a joke about penguins please'],
    ['what is the weather in paris today'],
    ['danke schön'],
    ['ciao bella'],
    ['asdf qwer zxcv'],
  ])('keeps the usual fallback for %j (English, or too short to tell) and notes no language', async (text) => {
    const { adapter, noted } = harness();
    await adapter.send(text).assertReply((a) => expect(a.text).toBe(kb.responses.fallback));
    expect(noted).toEqual([undefined]);
  });
});
