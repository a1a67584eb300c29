import { readFileSync } from 'node:fs';
import { deserialize, serialize } from 'node:v8';
import { beforeAll, describe, expect, it } from 'vitest';
import { type AnalysisKnowledge, loadAnalysisKnowledge } from '../../src/analysis/analysis-knowledge.loader.ts';
import {
  ANALYZER_MODEL_VERSION,
  MessageAnalyzer,
  type MessageAnalyzerSnapshot,
} from '../../src/analysis/message-analyzer.ts';
import { ComplaintAnalyzer, type ComplaintAnalyzerSnapshot } from '../../src/complaints/complaint-analyzer.ts';
import { SentimentAnalyzer } from '../../src/sentiment/sentiment-analyzer.ts';
import { withTypos } from '../helpers/generated-kb.ts';
import { FIXTURE_KNOWLEDGE_DIR } from '../helpers/test-config.ts';

describe('MessageAnalyzer snapshots', () => {
  let knowledge: AnalysisKnowledge;
  beforeAll(async () => {
    knowledge = await loadAnalysisKnowledge(FIXTURE_KNOWLEDGE_DIR);
  });

  /** Every complaint example, typo'd and shouted versions of them, and the CLI fixture's messages. */
  const messagesOf = (k: AnalysisKnowledge): string[] => {
    const examples = k.complaints.examples.map((e) => e.text);
    return [
      ...examples,
      ...examples.map(withTypos),
      ...examples.map((text) => text.toUpperCase()),
      ...readFileSync('test/fixtures/analyze-input.txt', 'utf8').split('\n'),
      'My kettle caught fire!! I will call my lawyer',
      'thanks, that was great 😀',
    ];
  };

  it('restore to an analyzer with results identical to the trained one', () => {
    const trained = MessageAnalyzer.train(knowledge);
    const restored = MessageAnalyzer.restore(deserialize(serialize(trained.toSnapshot())) as MessageAnalyzerSnapshot);
    const messages = messagesOf(knowledge);

    expect(messages.length).toBeGreaterThan(300);
    for (const text of messages) expect(restored.analyze(text)).toEqual(trained.analyze(text));
    // Not vacuous: the messages include complaints of several categories and every sentiment.
    const results = messages.map((text) => trained.analyze(text));
    expect(new Set(results.map((r) => r.complaint.category)).size).toBeGreaterThan(4);
    expect(new Set(results.map((r) => r.sentiment.label))).toEqual(new Set(['positive', 'neutral', 'negative']));
  });

  it('restores the complaint analyzer on its own identically too', () => {
    const sentiment = SentimentAnalyzer.create(knowledge.lexicon);
    const trained = ComplaintAnalyzer.train(knowledge.complaints, (text) => sentiment.analyze(text).label);
    const restored = ComplaintAnalyzer.fromSnapshot(
      deserialize(serialize(trained.toSnapshot())) as ComplaintAnalyzerSnapshot,
    );
    const messages = messagesOf(knowledge);
    for (const text of messages) {
      const s = sentiment.analyze(text);
      expect(restored.analyze(text, s)).toEqual(trained.analyze(text, s));
    }
    expect(
      new Set(messages.map((text) => trained.analyze(text, sentiment.analyze(text)).category)).size,
    ).toBeGreaterThan(4);
  });

  it('refuses a snapshot of another model version', () => {
    const snapshot = { ...MessageAnalyzer.train(knowledge).toSnapshot(), modelVersion: ANALYZER_MODEL_VERSION + 1 };
    expect(() => MessageAnalyzer.restore(snapshot)).toThrow(/model version/);
  });
});
