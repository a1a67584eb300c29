import { createHash } from 'node:crypto';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { type AnalysedText, analyse } from '../ml/index.ts';
import { ValidationError } from '../shared/app.error.ts';
import { adviseGroup } from './group-suggestion.ts';
import type { InsightsRepository, MissedWording } from './insights.repository.ts';
import type { InsightsKnowledge, MissScore } from './insights-knowledge.ts';
import type { MissedQuestion } from './missed-question.ts';
import { type ClusteringSettings, clusterPhrasings } from './phrasing-clustering.ts';
import { phrasingKey } from './phrasing-key.ts';
import {
  type InsightsPort,
  MISS_REASONS,
  type MissGroupSummary,
  type MissReason,
  type Suggestion,
  type SuggestionDecision,
} from './suggestion.ts';

/**
 * The grouping the inbox uses, tuned on BANKING77's training questions (`bench/learning-loop.bench.ts`):
 * see README "How the inbox works".
 */
export const DEFAULT_CLUSTERING: ClusteringSettings = Object.freeze({
  similarity: 0.45,
  matcherWeight: 0.5,
  charWeight: 1,
});

/** How many example messages a suggestion carries. */
const EXAMPLES = 5;
/** Phrasings scored between two yields to the event loop, so turns keep flowing while the inbox is built. */
const SCORE_CHUNK = 200;
/** Scored phrasings kept per knowledge version. */
const SCORE_CACHE_LIMIT = 50_000;

/** The distinct wording of one or more missed messages. */
interface Phrasing {
  readonly key: string;
  readonly messages: MissedQuestion[];
  analysed: AnalysedText;
  score: MissScore;
}

export interface InsightsServiceOptions {
  readonly repository: InsightsRepository;
  /** The served knowledge, asked at every call (so a reload is seen at once). */
  readonly knowledge: () => InsightsKnowledge;
  readonly clustering?: ClusteringSettings;
  readonly clock?: () => Date;
}

function groupId(phrasings: readonly Phrasing[]): string {
  return groupIdOf(Math.min(...phrasings.map((p) => (p.messages[0] as MissedQuestion).messageId)));
}

/** A group's id: stable while its earliest message stays in it. */
function groupIdOf(earliestMessageId: number): string {
  return `g${createHash('sha256').update(`miss:${earliestMessageId}`).digest('hex').slice(0, 12)}`;
}

/** A phrasing counted from its wordings (`groupsBetween`). */
interface WordedPhrasing {
  readonly wordings: readonly MissedWording[];
  readonly text: string;
  readonly count: number;
  readonly analysed: AnalysedText;
  readonly score: MissScore;
}

function sum(wordings: readonly MissedWording[]): number {
  return wordings.reduce((total, w) => total + w.count, 0);
}

/** A group of worded phrasings as a report reads it (id and order as `#suggestion` makes them). */
function groupSummary(phrasings: readonly WordedPhrasing[]): MissGroupSummary {
  const wordings = phrasings.flatMap((p) => p.wordings);
  const earliest = Math.min(...wordings.map((w) => w.firstId));
  const reasons = new Set(wordings.flatMap((w) => w.reasons));
  return {
    id: groupIdOf(earliest),
    count: sum(wordings),
    reasons: MISS_REASONS.filter((reason) => reasons.has(reason)),
    phrasings: phrasings
      .map((p) => ({ text: p.text, count: p.count }))
      .sort((a, b) => b.count - a.count || a.text.localeCompare(b.text)),
    firstSeen: wordings.map((w) => w.firstAt).sort()[0] as string,
  };
}

/** The wording most of a phrasing's messages used (the earliest on a tie). */
function displayText(messages: readonly MissedQuestion[]): string {
  const counts = new Map<string, number>();
  for (const m of messages) counts.set(m.text.trim(), (counts.get(m.text.trim()) ?? 0) + 1);
  let best: [string, number] = ['', 0];
  for (const pair of counts) if (pair[1] > best[1]) best = pair;
  return best[0];
}

/**
 * The misses inbox: collects missed questions from the feedback records (in SQL), groups similar
 * ones with the matcher's own text features and the served matcher's scores, and suggests what to
 * do with each group; remembers the admins' decisions so a decided phrasing never comes back.
 * Every call reads the database afresh, so it reflects every message stored before it.
 */
export class InsightsService implements InsightsPort {
  readonly #repository: InsightsRepository;
  readonly #knowledge: () => InsightsKnowledge;
  readonly #clustering: ClusteringSettings;
  readonly #clock: () => Date;
  /** Per served knowledge version: its phrasings analysed, and the misses scored so far. */
  #cache: {
    version: number;
    background: AnalysedText[];
    scores: Map<string, { analysed: AnalysedText; score: MissScore }>;
  } = { version: Number.NaN, background: [], scores: new Map() };

  constructor(options: InsightsServiceOptions) {
    this.#repository = options.repository;
    this.#knowledge = options.knowledge;
    this.#clustering = options.clustering ?? DEFAULT_CLUSTERING;
    this.#clock = options.clock ?? (() => new Date());
  }

  async suggestions(): Promise<Suggestion[]> {
    const knowledge = this.#knowledge();
    const [misses, decided] = await Promise.all([
      this.#repository.missedQuestions(knowledge.threshold),
      this.#repository.decidedKeys(),
    ]);
    const phrasings = await this.#phrasings(misses, decided, knowledge);
    const clusters = await clusterPhrasings(
      phrasings.map((p) => ({ analysed: p.analysed, weight: p.messages.length, candidates: p.score.candidates })),
      this.#clustering,
      this.#cache.background,
    );
    return clusters
      .map((members) =>
        this.#suggestion(
          members.map((i) => phrasings[i] as Phrasing),
          knowledge,
        ),
      )
      .sort((a, b) => b.count - a.count || a.firstSeen.localeCompare(b.firstSeen) || a.id.localeCompare(b.id));
  }

  /**
   * The inbox's groups of the questions missed in `[from, to)` (ISO instants), largest first (then
   * first seen): the same phrasings (by key), scores and clustering as {@link suggestions}, but
   * of every miss of the period, decided or not (a report of a past period must not change when an
   * admin works through the inbox), and counted from one SQL row per wording, so a year of misses
   * costs one analysis per wording, not per message.
   */
  async groupsBetween(from: string, to: string): Promise<MissGroupSummary[]> {
    const knowledge = this.#knowledge();
    const wordings = await this.#repository.missedWordings(knowledge.threshold, { from, to });
    this.#useVersion(knowledge);
    const byKey = new Map<string, MissedWording[]>();
    for (const wording of wordings) {
      const key = phrasingKey(wording.text);
      if (key === '') continue;
      const same = byKey.get(key);
      if (same === undefined) byKey.set(key, [wording]);
      else same.push(wording);
    }
    const phrasings: WordedPhrasing[] = [];
    let scored = 0;
    for (const [key, same] of byKey) {
      // The most used wording, the earliest on a tie (rows come oldest first), as `displayText`.
      const display = same.reduce((best, w) => (w.count > best.count ? w : best));
      const cached = this.#scored(key, display.text, knowledge);
      if (cached.fresh && ++scored % SCORE_CHUNK === 0) await yieldToEventLoop();
      phrasings.push({ wordings: same, text: display.text, count: sum(same), ...cached });
    }
    const clusters = await clusterPhrasings(
      phrasings.map((p) => ({ analysed: p.analysed, weight: p.count, candidates: p.score.candidates })),
      this.#clustering,
      this.#cache.background,
    );
    return clusters
      .map((members) => groupSummary(members.map((i) => phrasings[i] as WordedPhrasing)))
      .sort((a, b) => b.count - a.count || a.firstSeen.localeCompare(b.firstSeen) || a.id.localeCompare(b.id));
  }

  async suggestion(id: string): Promise<Suggestion | undefined> {
    return (await this.suggestions()).find((s) => s.id === id);
  }

  /**
   * Stores the decision for each of its phrasings (by normalised key), all or none.
   * @throws ValidationError when no phrasing is given, one is blank, or an acceptance names no
   *   entry and is not out of scope.
   */
  async recordDecision(decision: SuggestionDecision): Promise<void> {
    const problems: string[] = [];
    if (decision.phrasings.length === 0) problems.push('phrasings: at least one phrasing is needed');
    decision.phrasings.forEach((text, i) => {
      if (phrasingKey(text) === '') problems.push(`phrasings[${i}]: is blank`);
    });
    if (decision.decision === 'accepted' && decision.entryId === null && !decision.outOfScope) {
      problems.push('entryId: an accepted suggestion needs an entry, unless it is out of scope');
    }
    if (problems.length > 0)
      throw new ValidationError(`Cannot record the decision on ${decision.suggestionId}`, problems);
    const decidedAt = this.#clock().toISOString();
    const seen = new Set<string>();
    const rows = decision.phrasings.flatMap((phrasing) => {
      const key = phrasingKey(phrasing);
      if (seen.has(key)) return [];
      seen.add(key);
      return [
        {
          phrasingKey: key,
          phrasing: phrasing.trim(),
          suggestionId: decision.suggestionId,
          decision: decision.decision,
          entryId: decision.decision === 'accepted' ? decision.entryId : null,
          outOfScope: decision.outOfScope,
          actorAgentId: decision.actorAgentId,
          decidedAt,
        },
      ];
    });
    await this.#repository.insertDecisions(rows);
  }

  /** Undecided misses by phrasing, each analysed and scored by the served matcher (cached per version). */
  async #phrasings(
    misses: readonly MissedQuestion[],
    decided: ReadonlySet<string>,
    knowledge: InsightsKnowledge,
  ): Promise<Phrasing[]> {
    this.#useVersion(knowledge);
    const byKey = new Map<string, MissedQuestion[]>();
    for (const miss of misses) {
      const key = phrasingKey(miss.text);
      if (key === '' || decided.has(key)) continue;
      const messages = byKey.get(key);
      if (messages === undefined) byKey.set(key, [miss]);
      else messages.push(miss);
    }
    const phrasings: Phrasing[] = [];
    let scored = 0;
    for (const [key, messages] of byKey) {
      let cached = this.#cache.scores.get(key);
      if (cached === undefined) {
        const text = displayText(messages);
        cached = { analysed: analyse(text), score: knowledge.score(text) };
        this.#cache.scores.set(key, cached);
        scored += 1;
        if (scored % SCORE_CHUNK === 0) await yieldToEventLoop();
      }
      phrasings.push({ key, messages, ...cached });
    }
    return phrasings;
  }

  /** Starts a fresh cache when the served knowledge changed (or the cache grew too large). */
  #useVersion(knowledge: InsightsKnowledge): void {
    if (this.#cache.version !== knowledge.version || this.#cache.scores.size > SCORE_CACHE_LIMIT) {
      this.#cache = { version: knowledge.version, background: knowledge.phrasings.map(analyse), scores: new Map() };
    }
  }

  /** The analysis and served score of the phrasing `key` (displayed as `text`), from the cache when known. */
  #scored(
    key: string,
    text: string,
    knowledge: InsightsKnowledge,
  ): { analysed: AnalysedText; score: MissScore; fresh: boolean } {
    const cached = this.#cache.scores.get(key);
    if (cached !== undefined) return { ...cached, fresh: false };
    const made = { analysed: analyse(text), score: knowledge.score(text) };
    this.#cache.scores.set(key, made);
    return { ...made, fresh: true };
  }

  #suggestion(phrasings: readonly Phrasing[], knowledge: InsightsKnowledge): Suggestion {
    const messages = phrasings.flatMap((p) => p.messages).sort((a, b) => a.messageId - b.messageId);
    const advice = adviseGroup(
      phrasings.map((p) => ({
        weight: p.messages.length,
        score: p.score,
        chosen: p.messages.flatMap((m) => (m.chosenEntryId === null ? [] : [m.chosenEntryId])),
        rejected: new Set(p.messages.flatMap((m) => m.rejectedEntryIds)),
      })),
      knowledge.entryIds,
    );
    const reasons = new Set<MissReason>(messages.flatMap((m) => m.reasons));
    const times = messages.map((m) => m.createdAt).sort();
    return {
      id: groupId(phrasings),
      action: advice.action,
      entryId: advice.entryId,
      count: messages.length,
      reasons: MISS_REASONS.filter((reason) => reasons.has(reason)),
      phrasings: phrasings
        .map((p) => ({ text: displayText(p.messages), count: p.messages.length }))
        .sort((a, b) => b.count - a.count || a.text.localeCompare(b.text)),
      firstSeen: times[0] as string,
      lastSeen: times[times.length - 1] as string,
      evidence: advice.evidence,
      examples: messages
        .slice(-EXAMPLES)
        .reverse()
        .map((m) => ({ messageId: m.messageId, conversationId: m.conversationId, text: m.text, at: m.createdAt })),
    };
  }
}
