import type { MissGroupSummary } from '../insights/suggestion.ts';

/**
 * Where the report gets its top unanswered groups: the misses inbox (`InsightsService.groupsBetween`),
 * so a report groups the questions the bot missed exactly as the admin's Inbox does.
 */
export interface UnansweredGroupsSource {
  /** The groups of the questions missed in `[from, to)` (ISO instants), largest first. */
  groupsBetween(from: string, to: string): Promise<readonly MissGroupSummary[]>;
}
