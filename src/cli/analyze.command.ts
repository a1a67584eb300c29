import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import type { MessageAnalysis } from '../analysis/message-analysis.ts';
import { AppError } from '../shared/app.error.ts';

interface AnalyzeOptions {
  readonly json?: boolean;
  readonly file?: string;
  readonly knowledge: string;
}

/**
 * `answerdesk analyze [--json] [--file FILE | TEXT…] [--knowledge DIR]`: sentiment and complaint
 * analysis of each message, so admins can check the effect of a lexicon or examples edit.
 * With `--json`, one JSON object per message on stdout.
 */
export function registerAnalyzeCommand(program: Command): void {
  program
    .command('analyze')
    .description('Sentiment and complaint analysis of messages (one per argument, or one per line of --file)')
    .argument('[text...]', 'messages to analyse; each argument is one message')
    .option('--json', 'print one JSON object per message')
    .option('--file <file>', 'read messages from FILE, one per line (blank lines are skipped)')
    .option('--knowledge <dir>', 'knowledge directory with sentiment/ and complaints/', 'knowledge')
    .action(async (texts: string[], options: AnalyzeOptions) => {
      const messages = await readMessages(texts, options.file);
      const { MessageAnalyzer } = await import('../analysis/message-analyzer.ts');
      const analyzer = await MessageAnalyzer.load(options.knowledge);
      for (const text of messages) {
        const analysis = analyzer.analyze(text);
        process.stdout.write(`${options.json === true ? toJsonLine(text, analysis) : toHumanLine(text, analysis)}\n`);
      }
    });
}

async function readMessages(texts: readonly string[], file: string | undefined): Promise<string[]> {
  if (file !== undefined && texts.length > 0)
    throw new AppError('usage', 'analyze: give either --file FILE or TEXT arguments, not both');
  if (file === undefined) {
    if (texts.length === 0)
      throw new AppError('usage', 'analyze: nothing to analyse; give TEXT arguments or --file FILE');
    return [...texts];
  }
  let content: string;
  try {
    content = await readFile(file, 'utf8');
  } catch (error) {
    throw new AppError(
      'file_unreadable',
      `analyze: cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
  return content.split(/\r?\n/).filter((line) => line.trim() !== '');
}

function toJsonLine(text: string, { sentiment, complaint }: MessageAnalysis): string {
  return JSON.stringify({
    text,
    sentiment: { score: sentiment.score, comparative: sentiment.comparative, label: sentiment.label },
    complaint: {
      isComplaint: complaint.isComplaint,
      category: complaint.category,
      severity: complaint.severity,
      confidence: complaint.confidence,
    },
  });
}

function toHumanLine(text: string, { sentiment, complaint }: MessageAnalysis): string {
  const mood = `${sentiment.label.padEnd(8)} ${sentiment.score.toFixed(2).padStart(6)} (${sentiment.comparative.toFixed(3).padStart(6)})`;
  const verdict = complaint.isComplaint
    ? `complaint ${complaint.category}/${complaint.severity} ${complaint.confidence.toFixed(2)}`
    : `no complaint ${complaint.confidence.toFixed(2)}`;
  const shown = text.length > 80 ? `${text.slice(0, 77)}...` : text;
  return `${mood}  ${verdict.padEnd(40)}  ${shown.replace(/\s+/g, ' ')}`;
}
