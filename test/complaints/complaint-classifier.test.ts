import natural from 'natural';
import { beforeAll, describe, expect, it } from 'vitest';
import { trainNaturalComplaintStages } from '../../bench/natural-complaint-stages.ts';
import type { FeaturizedExample } from '../../src/complaints/complaint-classifier.ts';
import { ComplaintClassifier } from '../../src/complaints/complaint-classifier.ts';
import { ComplaintFeaturizer } from '../../src/complaints/complaint-features.ts';
import { loadComplaintKnowledge } from '../../src/complaints/complaint-knowledge.loader.ts';

/** Complaints whose category no reasonable model gets wrong. */
const CLEAR_COMPLAINTS = [
  ['The parcel never arrived and the tracking has not moved in a week', 'delivery'],
  ['You charged my card twice for one order', 'billing_payment'],
  ['Your agent was rude and hung up on me', 'staff_service'],
] as const;

let documents: FeaturizedExample[];
let featurizer: ComplaintFeaturizer;

beforeAll(async () => {
  const knowledge = await loadComplaintKnowledge('test/fixtures/knowledge/complaints');
  featurizer = new ComplaintFeaturizer(knowledge.topicCues);
  documents = knowledge.examples.map((e) => ({ features: featurizer.featurize(e.text, 'neutral'), label: e.label }));
});

describe('ComplaintClassifier', () => {
  it("gives the same probabilities as natural's own BayesClassifier train() and getClassifications()", () => {
    const ours = ComplaintClassifier.train(documents);
    const reference = new natural.BayesClassifier();
    for (const d of documents)
      reference.addDocument([...d.features.detection], d.label === 'none' ? 'none' : 'complaint');
    reference.train();
    for (const text of [
      'where is my parcel',
      'my parcel never came and nobody answers',
      'thanks so much',
      'the kettle leaks',
    ]) {
      const features = featurizer.featurize(text, 'neutral');
      const scored = reference.getClassifications([...features.detection]);
      const total = scored.reduce((sum, c) => sum + c.value, 0);
      const expected = (scored.find((c) => c.label === 'complaint')?.value ?? 0) / total;
      expect(ours.predict(features).complaintProbability).toBeCloseTo(expected, 10);
    }
  });

  it('returns probabilities between 0 and 1 even for a message of unknown words', () => {
    const prediction = ComplaintClassifier.train(documents).predict(featurizer.featurize('zzqx vbnm', null));
    expect(prediction.complaintProbability).toBeGreaterThanOrEqual(0);
    expect(prediction.complaintProbability).toBeLessThanOrEqual(1);
    expect(prediction.categoryProbability).toBeLessThanOrEqual(1);
  });

  it('puts clear complaints in their category', () => {
    const classifier = ComplaintClassifier.train(documents);
    for (const [text, category] of CLEAR_COMPLAINTS) {
      expect(classifier.predict(featurizer.featurize(text, 'negative')).category).toBe(category);
    }
  });

  it("puts clear complaints in their category with the bench's natural Bayes category stage too", () => {
    const bench = trainNaturalComplaintStages(documents, 'bayes', 'bayes');
    for (const [text, category] of CLEAR_COMPLAINTS) {
      expect(bench.categorize(featurizer.featurize(text, 'negative')).category).toBe(category);
    }
  });

  it("detects complaints exactly as natural's own Bayes detector of the bench alternatives does", () => {
    // Our detector is the same model as the bench's natural Bayes stage, only faster to train.
    const ours = ComplaintClassifier.train(documents);
    const bench = trainNaturalComplaintStages(documents, 'bayes', 'bayes');
    const features = featurizer.featurize('my parcel never came and nobody answers', 'negative');
    expect(ours.predict(features).complaintProbability).toBeCloseTo(bench.complaintProbability(features), 10);
  });
});
