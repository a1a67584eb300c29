import { join } from 'node:path';
import { ComplaintAnalyzer } from '../complaints/complaint-analyzer.ts';
import type { ClassifierAlgorithm } from '../complaints/complaint-classifier.ts';
import { loadComplaintKnowledge } from '../complaints/complaint-knowledge.loader.ts';
import { SentimentAnalyzer } from '../sentiment/sentiment-analyzer.ts';
import { loadSentimentLexicon } from '../sentiment/sentiment-lexicon.loader.ts';
import { ValidationError } from '../shared/app-error.ts';
import { AnalysisKnowledgeError } from './analysis-knowledge.error.ts';
import type { MessageAnalysis } from './message-analysis.ts';

/** Where under the knowledge directory each service keeps its files. */
export const SENTIMENT_LEXICON_FILE = join('sentiment', 'lexicon.yaml');
export const COMPLAINTS_DIR = 'complaints';

/**
 * Sentiment and complaint analysis of single messages, built from the admin-editable files in a
 * knowledge directory. Build once at start-up (training takes well under a second), then call
 * `analyze` per message: it is synchronous, pure and never throws.
 *
 * @example
 * const analyzer = await MessageAnalyzer.load('knowledge');
 * analyzer.analyze('third time asking, where is my parcel?!').complaint.category; // 'delivery'
 */
export class MessageAnalyzer {
  private constructor(
    private readonly sentiment: SentimentAnalyzer,
    private readonly complaints: ComplaintAnalyzer,
    /** How long training the complaint classifier took, for start-up logs. */
    readonly trainingMs: number,
  ) {}

  /**
   * Loads and validates `<dir>/sentiment/lexicon.yaml` and `<dir>/complaints/…`, then trains.
   * Throws `AnalysisKnowledgeError` listing every problem in every file.
   */
  static async load(knowledgeDir: string, options: { algorithm?: ClassifierAlgorithm } = {}): Promise<MessageAnalyzer> {
    const [lexicon, knowledge] = await Promise.allSettled([
      loadSentimentLexicon(join(knowledgeDir, SENTIMENT_LEXICON_FILE)),
      loadComplaintKnowledge(join(knowledgeDir, COMPLAINTS_DIR)),
    ]);
    if (lexicon.status === 'rejected' || knowledge.status === 'rejected') {
      const problems: string[] = [];
      for (const outcome of [lexicon, knowledge]) {
        if (outcome.status === 'fulfilled') continue;
        const reason: unknown = outcome.reason;
        if (!(reason instanceof ValidationError)) throw reason;
        problems.push(...reason.problems);
      }
      throw new AnalysisKnowledgeError(problems);
    }
    const sentiment = SentimentAnalyzer.create(lexicon.value);
    const started = performance.now();
    const complaints = ComplaintAnalyzer.train(knowledge.value, (text) => sentiment.analyze(text).label, options.algorithm);
    return new MessageAnalyzer(sentiment, complaints, performance.now() - started);
  }

  analyze(text: string): MessageAnalysis {
    const sentiment = this.sentiment.analyze(text);
    return { sentiment, complaint: this.complaints.analyze(text, sentiment) };
  }
}
