import { describe, expect, it } from 'vitest';
import {
  type CalibrationSample,
  type CandidateEvidence,
  ConfidenceCalibrator,
  PRIOR_WEIGHTS,
} from '../../../src/knowledge/matching/confidence-calibrator.ts';

const strong: CandidateEvidence = { probability: 0.9, margin: 0.8, coverage: 1, similarity: 0.8 };
const weak: CandidateEvidence = { probability: 0.4, margin: 0.1, coverage: 0, similarity: 0.1 };

function samples(n: number, evidence: CandidateEvidence, correct: boolean): CalibrationSample[] {
  return Array.from({ length: n }, () => ({ evidence, correct, weight: 1 }));
}

describe('ConfidenceCalibrator', () => {
  it('learns that strong evidence is usually right and weak evidence usually wrong', () => {
    const calibrator = ConfidenceCalibrator.fit([
      ...samples(90, strong, true),
      ...samples(10, strong, false),
      ...samples(10, weak, true),
      ...samples(90, weak, false),
    ]);
    expect(calibrator.confidence(strong)).toBeGreaterThan(0.75);
    expect(calibrator.confidence(weak)).toBeLessThan(0.25);
  });

  it('stays close to the prior weights when there are almost no samples', () => {
    const calibrator = ConfidenceCalibrator.fit(samples(2, strong, false));
    for (const [i, w] of calibrator.weights.entries())
      expect(Math.abs(w - (PRIOR_WEIGHTS[i] as number))).toBeLessThan(0.5);
  });

  it('never lowers the confidence when the evidence grows, even if the data says so', () => {
    const calibrator = ConfidenceCalibrator.fit([...samples(50, strong, false), ...samples(50, weak, true)]);
    for (const w of calibrator.weights.slice(1)) expect(w).toBeGreaterThanOrEqual(0);
    expect(calibrator.confidence(strong)).toBeGreaterThanOrEqual(calibrator.confidence(weak));
  });

  it('vetoes a confident softmax when no content word and no phrasing is shared', () => {
    const calibrator = ConfidenceCalibrator.fit([]);
    expect(calibrator.confidence({ ...strong, coverage: 0, similarity: 0 })).toBeLessThan(
      calibrator.confidence(strong) / 2,
    );
  });

  it('returns the probability itself when it is the identity', () => {
    expect(ConfidenceCalibrator.identity().confidence(weak)).toBe(0.4);
  });
});
