import type { MessageAnalyzer } from '../analysis/message-analyzer.ts';
import type { AnswerMatcher } from '../knowledge/matching/answer-matcher.ts';

/**
 * Everything the bot derives from the knowledge folder, built from one load of it and swapped as
 * one: a turn never meets a matcher from one version of the files and an analyzer from another.
 */
export interface KnowledgeModels {
  readonly matcher: AnswerMatcher;
  readonly analyzer: MessageAnalyzer;
}
