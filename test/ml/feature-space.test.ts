import { describe, expect, it } from 'vitest';
import { FeatureSpace } from '../../src/ml/feature-space.ts';
import { analyse } from '../../src/ml/text-pipeline.ts';

const TEXTS = [
  'How do I cancel my order?',
  'cancel cancel the order order now',
  'I forgot my password',
  'reset password',
  '',
  'where is my parcel, it is late',
].map(analyse);

describe('FeatureSpace', () => {
  it('gives the training vectors fitAndVectorise returns the same as vectorise does', () => {
    const { space, vectors } = FeatureSpace.fitAndVectorise(TEXTS);
    expect(space.size).toBe(FeatureSpace.fit(TEXTS).size);
    expect(vectors).toHaveLength(TEXTS.length);
    TEXTS.forEach((text, i) => {
      const expected = space.vectorise(text);
      expect(vectors[i]?.indices).toEqual(expected.indices);
      expect(vectors[i]?.values).toEqual(expected.values);
    });
  });

  it('counts a repeated feature once per text in the idf and L2-normalises each block', () => {
    const { vectors } = FeatureSpace.fitAndVectorise(TEXTS);
    const repeated = vectors[1];
    expect(repeated?.indices.length).toBeGreaterThan(0);
    // Word block and char block each have unit norm, so the whole vector has squared norm 2.
    const squared = Array.from(repeated?.values ?? []).reduce((sum, v) => sum + v * v, 0);
    expect(squared).toBeCloseTo(2, 5);
  });
});
