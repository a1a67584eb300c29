import os from 'node:os';
import { beforeEach } from 'vitest';
import { createCrmServices } from '../../src/crm/crm-services.ts';
import { InsightsRepository } from '../../src/insights/insights.repository.ts';
import { InsightsService } from '../../src/insights/insights.service.ts';
import { servedInsightsKnowledge } from '../../src/insights/served-insights-knowledge.ts';
import { loadKnowledgeBase } from '../../src/knowledge/files/knowledge.loader.ts';
import type { KnowledgeBase } from '../../src/knowledge/knowledge-base.ts';
import type { AnswerMatcher } from '../../src/knowledge/matching/answer-matcher.ts';
import type { Db } from '../../src/store/database.ts';
import { KnowledgeTrainer } from '../../src/training/knowledge-trainer.ts';
import { FIXTURE_KNOWLEDGE_DIR, SHARED_KNOWLEDGE_CACHE_DIR, testConfig } from '../helpers/test-config.ts';
import { freshDatabaseEachTest } from '../helpers/test-database.ts';

let fixture: Promise<{ kb: KnowledgeBase; matcher: AnswerMatcher }> | undefined;

/**
 * The tests' own knowledge (`test/fixtures/knowledge`: orders, returns, account, out-of-scope
 * examples) and its matcher, from the snapshot cache every test app shares (trained once per run).
 */
export function fixtureMatcherAndKnowledge(): Promise<{ kb: KnowledgeBase; matcher: AnswerMatcher }> {
  fixture ??= (async () => {
    const kb = await loadKnowledgeBase(FIXTURE_KNOWLEDGE_DIR);
    const trainer = new KnowledgeTrainer({ cacheDir: SHARED_KNOWLEDGE_CACHE_DIR });
    const { value: matcher } = await trainer.matcher(kb, testConfig(os.tmpdir()).match);
    return { kb, matcher };
  })();
  return fixture;
}

/** An `InsightsService` over `db`, judging misses with the fixture knowledge's matcher. */
export async function fixtureInsights(db: Db): Promise<InsightsService> {
  const { kb, matcher } = await fixtureMatcherAndKnowledge();
  return new InsightsService({
    repository: new InsightsRepository(db),
    knowledge: () => servedInsightsKnowledge({ knowledgeBase: kb, value: { matcher }, version: 1 }),
  });
}

/**
 * A fresh database and an `InsightsService` over it for every test of the calling `describe`
 * (read `db` and `insights` inside tests and hooks, never at collection time).
 */
export function fixtureInsightsEachTest(): { db: Db; insights: InsightsService } {
  const fresh = freshDatabaseEachTest();
  const current = {} as { db: Db; insights: InsightsService };
  beforeEach(async () => {
    current.db = fresh.db;
    current.insights = await fixtureInsights(fresh.db);
  });
  return current;
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
