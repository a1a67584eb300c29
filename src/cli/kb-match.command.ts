import type { Command } from 'commander';
import { loadConfig } from '../config/config.ts';
import { loadKnowledgeBase } from '../knowledge/files/knowledge.loader.ts';
import { ValidationError } from '../shared/app.error.ts';

/**
 * `answerdesk kb match "text" [--kb DIR] [--top N] [--json]`: shows how the matcher reads a
 * message (normalised text, corrections), its best entries with confidence and matched words,
 * and the outcome the bot would act on (with the server's `MATCH_*` options). An admin's debugging tool. Uses the server's snapshot cache
 * (`KNOWLEDGE_CACHE_DIR`, or `--cache DIR`): unchanged knowledge is loaded, not retrained.
 */
export function registerKbMatchCommand(kb: Command): void {
  kb.command('match')
    .description('Show the best knowledge entries for a message, with confidence, matched words and the outcome')
    .argument('<text>', 'the customer message')
    .option('--kb <dir>', 'knowledge folder', './knowledge')
    .option('--top <n>', 'how many candidates to show', '5')
    .option('--json', 'print one JSON object')
    .option('--cache <dir>', 'trained-snapshot cache folder (default: KNOWLEDGE_CACHE_DIR, as the server)')
    .option('--no-cache', 'always train, and do not write the cache')
    .action(async (text: string, opts: { kb: string; top: string; json?: boolean; cache: string | boolean }) => {
      const top = Number(opts.top);
      if (!Number.isInteger(top) || top < 1)
        throw new ValidationError('Invalid option', [`--top must be a whole number >= 1, got ${opts.top}`]);
      // The served configuration: the cache folder and the MATCH_* options the server answers with.
      const config = loadConfig(process.env);
      const cacheDir =
        opts.cache === false ? null : typeof opts.cache === 'string' ? opts.cache : config.knowledgeCacheDir;
      const knowledge = await loadKnowledgeBase(opts.kb);
      // Loaded on use, so other subcommands start without the matcher and natural.
      const { KnowledgeTrainer } = await import('../training/knowledge-trainer.ts');
      const trainer = new KnowledgeTrainer({
        cacheDir,
        onWarning: (message, details) =>
          process.stderr.write(`answerdesk: warning: ${message} (${JSON.stringify(details)})\n`),
      });
      const { value: matcher, source } = await trainer.matcher(knowledge, config.match);
      const explanation = matcher.explain(text, top);
      const { result } = explanation;
      const candidates = explanation.candidates.map((c) => ({
        id: c.entry.id,
        title: c.entry.title,
        confidence: round(c.confidence),
        matchedTerms: c.matchedTerms,
      }));
      if (opts.json === true) {
        const output = {
          kind: result.kind,
          entry: result.kind === 'answer' ? result.entry.id : null,
          confidence: result.kind === 'answer' ? round(result.confidence) : null,
          normalised: explanation.normalised,
          terms: explanation.terms,
          corrections: Object.fromEntries(explanation.corrections),
          outOfScopeProbability:
            explanation.outOfScopeProbability === null ? null : round(explanation.outOfScopeProbability),
          threshold: matcher.options.threshold,
          matcherSource: source,
          ambiguityMargin: matcher.options.ambiguityMargin,
          candidates,
        };
        process.stdout.write(`${JSON.stringify(output, null, 2)}\n`);
        return;
      }
      const lines = [
        `outcome:     ${result.kind}${result.kind === 'answer' ? ` -> ${result.entry.id} (${result.confidence.toFixed(3)})` : ''}`,
        `normalised:  ${explanation.normalised}`,
        `terms:       ${explanation.terms.join(' ')}`,
      ];
      if (explanation.corrections.size > 0) {
        lines.push(`corrections: ${[...explanation.corrections].map(([from, to]) => `${from} -> ${to}`).join(', ')}`);
      }
      if (explanation.outOfScopeProbability !== null) {
        lines.push(
          `out of scope: ${explanation.outOfScopeProbability.toFixed(3)} (how much it resembles knowledge/out-of-scope.yaml)`,
        );
      }
      lines.push(
        `threshold ${matcher.options.threshold}, ambiguity margin ${matcher.options.ambiguityMargin}; matcher ${source === 'cache' ? 'loaded from the cache' : 'trained'}`,
        '',
      );
      if (candidates.length === 0) lines.push('no entry shares any feature with this message');
      candidates.forEach((c, i) => {
        lines.push(
          `${i + 1}. ${c.confidence.toFixed(3)}  ${c.id}  "${c.title}"`,
          `   matched: ${c.matchedTerms.join(', ') || '(no words; character n-grams only)'}`,
        );
      });
      process.stdout.write(`${lines.join('\n')}\n`);
    });
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
