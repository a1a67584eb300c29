import { createCrmServices } from '../../src/crm/crm-services.ts';
import { InsightsRepository } from '../../src/insights/insights.repository.ts';
import { InsightsService } from '../../src/insights/insights.service.ts';
import { servedInsightsKnowledge } from '../../src/insights/served-insights-knowledge.ts';
import type { KnowledgeEntry } from '../../src/knowledge/knowledge-entry.ts';
import { AnswerMatcher } from '../../src/knowledge/matching/answer-matcher.ts';
import type { Db } from '../../src/store/database.ts';

function entry(id: string, questions: string[]): KnowledgeEntry {
  return {
    id,
    title: id.replace(/-/g, ' '),
    questions,
    answer: `About ${id}.`,
    tags: [],
    followUps: [],
    escalate: false,
    enabled: true,
  };
}

/** A small shop's knowledge: four topics, a few phrasings each, and some out-of-scope examples. */
export const SHOP_ENTRIES: readonly KnowledgeEntry[] = [
  entry('track-order', ['where is my order', 'track my parcel', 'when will my package arrive', 'order status']),
  entry('refund', ['how do I get a refund', 'I want my money back', 'refund status', 'return an item for a refund']),
  entry('reset-password', ['reset my password', 'I forgot my password', 'cannot log in', 'change my password']),
  entry('opening-hours', ['what are your opening hours', 'when are you open', 'are you open on sunday', 'store hours']),
];

export const SHOP_OUT_OF_SCOPE: readonly string[] = [
  'what is the weather tomorrow',
  'tell me a joke',
  'who won the football match',
  'what is the capital of france',
  'write me a poem',
  'sing a song for me',
];

/** The matcher a shop with {@link SHOP_ENTRIES} would serve. */
export function shopMatcher(): AnswerMatcher {
  return AnswerMatcher.build({ entries: SHOP_ENTRIES, outOfScope: SHOP_OUT_OF_SCOPE });
}

/** An `InsightsService` over `db`, judging misses with `matcher`. */
export function shopInsights(db: Db, matcher: AnswerMatcher = shopMatcher()): InsightsService {
  return new InsightsService({
    repository: new InsightsRepository(db),
    knowledge: () =>
      servedInsightsKnowledge({ knowledgeBase: { entries: SHOP_ENTRIES }, value: { matcher }, version: 1 }),
  });
}

/** What the feedback records say about one stored customer message. */
export interface StoredQuestion {
  readonly text: string;
  /** `undefined` stores `question`; `null` stores a row from before migration 008. */
  readonly kind?: string | null;
  readonly matchKind?: 'answer' | 'ambiguous' | 'no-match' | null;
  readonly confidence?: number | null;
  readonly entryId?: string | null;
  readonly helpful?: 0 | 1 | null;
  readonly noneOfThese?: 0 | 1 | null;
  readonly handoffAfterAnswer?: 0 | 1 | null;
  readonly chosenEntryId?: string | null;
}

let conversations = 0;

/**
 * Stores customer messages the way the feedback middleware does (through `FeedbackService`),
 * then sets the columns the turn's analysis would have filled. Each call is one conversation.
 */
export async function storeQuestions(db: Db, questions: readonly StoredQuestion[]): Promise<number[]> {
  conversations += 1;
  const conversationId = `conv-${conversations}-${Math.random().toString(36).slice(2, 8)}`;
  const { feedback } = createCrmServices(db);
  const ids: number[] = [];
  for (const [i, q] of questions.entries()) {
    const stored = await feedback.recordInbound({
      conversationId,
      user: { channelId: 'test', userId: `user-${conversationId}`, verified: true },
      reference: JSON.stringify({ conversation: { id: conversationId } }),
      activityType: 'message',
      activityId: `${conversationId}-${i}`,
      text: q.text,
      at: new Date(Date.UTC(2026, 0, 1, 12, 0, ids.length + conversations * 60)).toISOString(),
    });
    const matchKind = q.matchKind === undefined ? 'no-match' : q.matchKind;
    await db
      .updateTable('messages')
      .set({
        message_kind: q.kind === undefined ? 'question' : q.kind,
        match_kind: matchKind,
        match_entry_id: q.entryId ?? null,
        match_confidence: q.confidence ?? (matchKind === null ? null : 0.1),
        match_candidates: matchKind === null ? null : '[]',
        helpful: q.helpful ?? null,
        none_of_these: q.noneOfThese ?? null,
        handoff_after_answer: q.handoffAfterAnswer ?? null,
        chosen_entry_id: q.chosenEntryId ?? null,
      })
      .where('id', '=', stored.messageId)
      .execute();
    ids.push(stored.messageId);
  }
  return ids;
}

/** An agent id to act as the deciding admin. */
export async function anAdmin(db: Db): Promise<number> {
  const { agents } = createCrmServices(db);
  const { agent } = await agents.create({
    name: 'Ada Admin',
    email: `ada-${Math.random().toString(36).slice(2, 8)}@example.com`,
    role: 'admin',
  });
  return agent.id;
}
