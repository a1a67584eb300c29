import { describe, expect, it } from 'vitest';
import { fitTemperature, MAX_TEMPERATURE, MIN_TEMPERATURE } from '../../src/ml/temperature-fit.ts';

describe('fitTemperature', () => {
  it('cools an under-confident model that is always right', () => {
    const scored = Array.from({ length: 20 }, () => ({ logits: Float32Array.of(1, 0, 0), target: 0 }));
    expect(fitTemperature(scored)).toBeLessThan(0.5);
  });

  it('warms an over-confident model that is often wrong', () => {
    const scored = Array.from({ length: 20 }, (_, i) => ({ logits: Float32Array.of(10, 0), target: i % 2 }));
    expect(fitTemperature(scored)).toBeGreaterThan(2);
  });

  it('stays within its search range', () => {
    const t = fitTemperature([{ logits: Float32Array.of(0, 0), target: -1 }]);
    expect(t).toBeGreaterThanOrEqual(MIN_TEMPERATURE);
    expect(t).toBeLessThanOrEqual(MAX_TEMPERATURE);
  });
});
