import natural from 'natural';
import { beforeAll, describe, expect, it } from 'vitest';
import { ComplaintClassifier } from '../../src/complaints/complaint-classifier.ts';
import type { FeaturizedExample } from '../../src/complaints/complaint-classifier.ts';
import { ComplaintFeaturizer } from '../../src/complaints/complaint-features.ts';
import { loadComplaintKnowledge } from '../../src/complaints/complaint-knowledge.loader.ts';

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
    for (const d of documents) reference.addDocument([...d.features.detection], d.label === 'none' ? 'none' : 'complaint');
    reference.train();
    for (const text of ['where is my parcel', 'my parcel never came and nobody answers', 'thanks so much', 'the kettle leaks']) {
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

  it.each(['softmax', 'natural'] as const)('puts clear complaints in their category with the %s category model', (categoryModel) => {
    const classifier = ComplaintClassifier.train(documents, 'bayes', categoryModel);
    for (const [text, category] of [
      ['The parcel never arrived and the tracking has not moved in a week', 'delivery'],
      ['You charged my card twice for one order', 'billing_payment'],
      ['Your agent was rude and hung up on me', 'staff_service'],
    ] as const) {
      expect(classifier.predict(featurizer.featurize(text, 'negative')).category).toBe(category);
    }
  });

  it('detects complaints the same way whichever category model is used', () => {
    const softmax = ComplaintClassifier.train(documents, 'bayes', 'softmax');
    const bayes = ComplaintClassifier.train(documents, 'bayes', 'natural');
    const features = featurizer.featurize('my parcel never came and nobody answers', 'negative');
    expect(softmax.predict(features).complaintProbability).toBe(bayes.predict(features).complaintProbability);
  });
});
