import { ComplaintAnalyzer, type ComplaintAnalyzerSnapshot } from '../complaints/complaint-analyzer.ts';
import { SentimentAnalyzer } from '../sentiment/sentiment-analyzer.ts';
import type { SentimentLexicon } from '../sentiment/sentiment-lexicon.ts';
import { type AnalysisKnowledge, loadAnalysisKnowledge } from './analysis-knowledge.loader.ts';
import type { MessageAnalysis } from './message-analysis.ts';

/**
 * Version of the trained analyzer's format and training; bump it when either changes, so
 * snapshots cached on disk under another version are retrained, never restored.
 */
export const ANALYZER_MODEL_VERSION = 3;

/** A trained {@link MessageAnalyzer} as plain data (structured-cloneable). */
export interface MessageAnalyzerSnapshot {
  readonly modelVersion: number;
  readonly lexicon: SentimentLexicon;
  readonly complaints: ComplaintAnalyzerSnapshot;
  readonly trainingMs: number;
}

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
   * Throws `KnowledgeValidationError` listing every problem in every file.
   */
  static async load(knowledgeDir: string): Promise<MessageAnalyzer> {
    return MessageAnalyzer.train(await loadAnalysisKnowledge(knowledgeDir));
  }

  /** Trains on knowledge from `loadAnalysisKnowledge` (the slow part of `load`). Deterministic. */
  static train(knowledge: AnalysisKnowledge): MessageAnalyzer {
    const sentiment = SentimentAnalyzer.create(knowledge.lexicon);
    const started = performance.now();
    const complaints = ComplaintAnalyzer.train(knowledge.complaints, (text) => sentiment.analyze(text).label);
    return new MessageAnalyzer(sentiment, complaints, performance.now() - started);
  }

  /** The trained analyzer as plain data. */
  toSnapshot(): MessageAnalyzerSnapshot {
    return {
      modelVersion: ANALYZER_MODEL_VERSION,
      lexicon: this.sentiment.lexicon,
      complaints: this.complaints.toSnapshot(),
      trainingMs: this.trainingMs,
    };
  }

  /**
   * An analyzer from `toSnapshot()` with identical results; rebuilds lookup maps and cue patterns only.
   * @throws Error when the snapshot has another `ANALYZER_MODEL_VERSION`.
   */
  static restore(snapshot: MessageAnalyzerSnapshot): MessageAnalyzer {
    if (snapshot.modelVersion !== ANALYZER_MODEL_VERSION) {
      throw new Error(
        `MessageAnalyzer snapshot has model version ${snapshot.modelVersion}, this code reads ${ANALYZER_MODEL_VERSION}`,
      );
    }
    return new MessageAnalyzer(
      SentimentAnalyzer.create(snapshot.lexicon),
      ComplaintAnalyzer.fromSnapshot(snapshot.complaints),
      snapshot.trainingMs,
    );
  }

  analyze(text: string): MessageAnalysis {
    const sentiment = this.sentiment.analyze(text);
    return { sentiment, complaint: this.complaints.analyze(text, sentiment) };
  }
}
