import type { Config } from '../config/config.ts';
import type { InsightsKnowledge } from '../insights/insights-knowledge.ts';
import { loadKnowledgeBase } from '../knowledge/files/knowledge.loader.ts';

/**
 * The knowledge folder as the misses inbox judges misses with it (the matcher the server would
 * serve, from the snapshot cache when unchanged), for the commands that group misses as the admin
 * API does (`answerdesk insights`, `answerdesk report`). Loads the matcher's modules on use, so
 * other subcommands start without them.
 */
export async function loadServedKnowledge(config: Config, kbDir: string | undefined): Promise<InsightsKnowledge> {
  const knowledgeBase = await loadKnowledgeBase(kbDir ?? config.knowledgeDir);
  const [{ KnowledgeTrainer }, { servedInsightsKnowledge }] = await Promise.all([
    import('../training/knowledge-trainer.ts'),
    import('../insights/served-insights-knowledge.ts'),
  ]);
  const trainer = new KnowledgeTrainer({
    cacheDir: config.knowledgeCacheDir,
    onWarning: (message, details) =>
      process.stderr.write(`answerdesk: warning: ${message} (${JSON.stringify(details)})\n`),
  });
  const { value: matcher } = await trainer.matcher(knowledgeBase, config.match);
  return servedInsightsKnowledge({ knowledgeBase, value: { matcher }, version: 1 });
}
