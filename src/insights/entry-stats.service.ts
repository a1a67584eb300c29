import type { KnowledgeBase } from '../knowledge/knowledge-base.ts';
import type { EntryQuestionRow, EntryStatsRepository } from './entry-stats.repository.ts';
import type { EntryStats, StatsPeriod } from './entry-stats.ts';

/** Recent questions shown per entry. */
const RECENT_QUESTIONS_PER_ENTRY = 5;

/**
 * Every entry of the current knowledge with its traffic over a period: the knowledge view's and
 * the entry picker's one source. Entries without questions are listed with zeros; questions about
 * entries no longer in the knowledge are left out (there is nothing left to edit).
 */
export class EntryStatsService {
  constructor(
    private readonly repository: EntryStatsRepository,
    private readonly knowledge: () => KnowledgeBase,
  ) {}

  /** Busiest first, then by title. */
  async list(period: StatsPeriod): Promise<EntryStats[]> {
    const [counts, recent] = await Promise.all([
      this.repository.counts(period),
      this.repository.recentQuestions(period, RECENT_QUESTIONS_PER_ENTRY),
    ]);
    const countsById = new Map(counts.map((c) => [c.entryId, c]));
    const recentById = new Map<string, EntryQuestionRow[]>();
    for (const row of recent) recentById.set(row.entryId, [...(recentById.get(row.entryId) ?? []), row]);
    const stats = this.knowledge().entries.map((entry): EntryStats => {
      const c = countsById.get(entry.id) ?? { questions: 0, answered: 0, votes: 0, helpful: 0 };
      return {
        entryId: entry.id,
        title: entry.title,
        answer: entry.answer,
        enabled: entry.enabled,
        phrasings: entry.questions.length,
        questions: c.questions,
        answered: c.answered,
        votes: c.votes,
        helpful: c.helpful,
        answerRate: c.questions === 0 ? null : c.answered / c.questions,
        helpfulRate: c.votes === 0 ? null : c.helpful / c.votes,
        recentQuestions: (recentById.get(entry.id) ?? []).map(({ entryId: _, ...question }) => question),
      };
    });
    return stats.sort((a, b) => b.questions - a.questions || a.title.localeCompare(b.title));
  }
}
