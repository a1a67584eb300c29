import type { Activity } from 'botbuilder';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadKnowledgeBase } from '../../src/knowledge/files/knowledge.loader.ts';
import type { KnowledgeBase } from '../../src/knowledge/knowledge-base.ts';
import { AnswerMatcher } from '../../src/knowledge/matching/answer-matcher.ts';
import { botHarness, clickValue, suggestedTitles } from '../helpers/bot-harness.ts';
import { FIXTURE_KNOWLEDGE_DIR } from '../helpers/test-config.ts';
import { freshDatabaseEachTest } from '../helpers/test-database.ts';

/** The real matcher on the fixture knowledge, as the app serves it (default options). */
describe('MainDialog on short and vague messages', () => {
  let kb: KnowledgeBase;
  let matcher: AnswerMatcher;
  const ctx = freshDatabaseEachTest();
  beforeAll(async () => {
    kb = await loadKnowledgeBase(FIXTURE_KNOWLEDGE_DIR);
    matcher = AnswerMatcher.build({ entries: kb.entries, outOfScope: kb.outOfScope });
  });

  const harness = () => botHarness(ctx.db, { kb, matchText: (text) => matcher.match(text) });
  const title = (id: string): string => kb.entries.find((e) => e.id === id)?.title ?? id;

  it.each([['password'], ['order'], ['my order'], ['returns'], ['delivery'], ['change'], ['help with my order']])(
    'asks "did you mean…?" with the candidates on %j instead of answering',
    async (text) => {
      const { adapter } = harness();
      const expected = matcher.match(text);
      await adapter.send(text).assertReply((a) => {
        expect(a.text).toBe(kb.responses.didYouMean);
        expect(suggestedTitles(a)).toEqual([
          ...expected.candidates.map((c) => c.entry.title),
          kb.responses.noneOfThese,
        ]);
        expect(suggestedTitles(a).length).toBeGreaterThanOrEqual(2);
      });
    },
  );

  it.each([['delete'], ['remove my data'], ['account']])(
    'does not start the escalate topic on %j: it asks first, and only the customer’s choice leads to a person',
    async (text) => {
      const { adapter, ticketQueries } = harness();
      let question: Partial<Activity> = {};
      await adapter.send(text).assertReply((a) => {
        question = a;
        expect(a.text).toBe(kb.responses.didYouMean);
        expect(suggestedTitles(a)).toContain(title('delete-account'));
        expect(a.text).not.toContain(kb.responses.handoffConfirm);
      });
      // Nothing was handed over on the word alone.
      expect(await ticketQueries.openTicketOf('Convo1')).toBeUndefined();
      await adapter
        .send({ type: 'message', text: title('delete-account'), value: clickValue(question, title('delete-account')) })
        .assertReply((a) => expect(a.text).toContain('privacy team'))
        .assertReply((a) => expect(a.text).toContain(kb.responses.handoffConfirm));
    },
  );
});
