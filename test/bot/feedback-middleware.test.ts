import { TestAdapter, type TurnContext } from 'botbuilder';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import type { MessageAnalysis } from '../../src/analysis/message-analysis.ts';
import { feedbackMiddleware } from '../../src/bot/feedback.middleware.ts';
import { getTurnAnalysis, noteTurnKind, noteTurnLanguage, type TurnKindNote } from '../../src/chat/turn-analysis.ts';
import { createCrmServices } from '../../src/crm/crm-services.ts';
import { scriptedMatch } from '../helpers/fixture-kb.ts';
import { freshDatabaseEachTest } from '../helpers/test-database.ts';

/** Every message is mildly negative, so a stored mood is easy to tell from none. */
function analyze(): MessageAnalysis {
  return {
    sentiment: { score: -1, comparative: -0.25, label: 'negative' },
    complaint: { isComplaint: false, category: null, severity: null, confidence: 0.9 },
  };
}

/**
 * The middleware under a bot of the test's own: whatever the bot notes is what gets stored, the
 * matcher runs only for what is read as a question, and a failing turn keeps what was known.
 */
describe('feedbackMiddleware', () => {
  const ctx = freshDatabaseEachTest();

  function run(logic: (context: TurnContext) => Promise<void>) {
    const { feedback } = createCrmServices(ctx.db);
    const matched: string[] = [];
    const adapter = new TestAdapter(logic);
    adapter.onTurnError = async () => {};
    adapter.use(
      feedbackMiddleware({
        feedback,
        matchText: (text) => {
          matched.push(text);
          return scriptedMatch(text);
        },
        analyze,
        logger: pino({ level: 'silent' }),
        channelsAuthenticated: true,
      }),
    );
    const stored = async () =>
      ctx.db
        .selectFrom('messages')
        .select(['message_kind', 'prompt', 'language', 'match_kind', 'match_entry_id', 'sentiment_label'])
        .where('direction', '=', 'inbound')
        .executeTakeFirstOrThrow();
    return { adapter, matched, stored };
  }

  it.each<[TurnKindNote, string | null]>([
    [{ kind: 'small-talk' }, 'negative'],
    [{ kind: 'to-agent' }, 'negative'],
    // A command of more than a few words is the customer's own sentence and keeps its mood.
    [{ kind: 'command' }, 'negative'],
    [{ kind: 'prompt-reply', prompt: 'handoff-name' }, null],
    [{ kind: 'prompt-reply', prompt: 'csat-comment' }, 'negative'],
  ])('stores the noted %j with the noted language, never matching it', async (note, mood) => {
    const { adapter, matched, stored } = run(async (context) => {
      noteTurnKind(context, note);
      noteTurnLanguage(context, 'fr');
    });
    await adapter.send('where is my order? merci');
    expect(await stored()).toEqual({
      message_kind: note.kind,
      prompt: note.prompt ?? null,
      language: 'fr',
      match_kind: null,
      match_entry_id: null,
      sentiment_label: mood,
    });
    expect(matched).toEqual([]);
  });

  it.each([['agent please'], ['help'], ['start over!']])('stores no mood for the bare command %j', async (text) => {
    const { adapter, stored } = run(async (context) => {
      noteTurnKind(context, { kind: 'command' });
    });
    await adapter.send(text);
    expect(await stored()).toMatchObject({ message_kind: 'command', sentiment_label: null });
  });

  it('matches once, on the first read, and stores the match of a question', async () => {
    const { adapter, matched, stored } = run(async (context) => {
      noteTurnKind(context, { kind: 'question' });
      expect(getTurnAnalysis(context)?.match?.kind).toBe('answer');
      expect(getTurnAnalysis(context)?.match?.kind).toBe('answer');
    });
    await adapter.send('where is my order?');
    expect(matched).toEqual(['where is my order?']);
    expect(await stored()).toMatchObject({
      message_kind: 'question',
      match_kind: 'answer',
      match_entry_id: 'track-order',
    });
  });

  it('does not store the match of a message read as a question and then noted as something else', async () => {
    const { adapter, stored } = run(async (context) => {
      if (getTurnAnalysis(context)?.match?.kind === 'no-match') noteTurnKind(context, { kind: 'small-talk' });
    });
    await adapter.send('hello there, how are you');
    expect(await stored()).toMatchObject({ message_kind: 'small-talk', match_kind: null });
  });

  it('keeps what was noted when the turn then fails', async () => {
    const { adapter, stored } = run(async (context) => {
      noteTurnKind(context, { kind: 'question' });
      throw new Error('the bot fell over');
    });
    await adapter.send('where is my order?');
    expect(await stored()).toMatchObject({ message_kind: 'question', match_kind: 'answer' });
  });

  it('hides the mood of a bare answer from the dialogs once it is noted as one', async () => {
    const seen: Array<string | undefined> = [];
    const { adapter } = run(async (context) => {
      seen.push(getTurnAnalysis(context)?.sentiment?.label);
      noteTurnKind(context, { kind: 'prompt-reply', prompt: 'helpful' });
      seen.push(getTurnAnalysis(context)?.sentiment?.label);
    });
    await adapter.send('No');
    expect(seen).toEqual(['negative', undefined]);
  });
});
