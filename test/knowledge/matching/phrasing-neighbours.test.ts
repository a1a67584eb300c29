import { describe, expect, it } from 'vitest';
import { PhrasingNeighbours } from '../../../src/knowledge/matching/phrasing-neighbours.ts';
import type { SparseVector } from '../../../src/ml/sparse-vector.ts';

const v = (entries: [number, number][]): SparseVector => ({
  indices: Int32Array.from(entries.map(([i]) => i)),
  values: Float32Array.from(entries.map(([, x]) => x)),
});

describe('PhrasingNeighbours', () => {
  const neighbours = new PhrasingNeighbours(
    [
      [
        v([[0, 1]]),
        v([
          [1, 1],
          [2, 1],
        ]),
      ],
      [v([[3, 2]])],
    ],
    4,
  );

  it('gives each class the cosine of its closest phrasing', () => {
    const out = new Float32Array(2);
    neighbours.similarities(
      v([
        [1, 3],
        [2, 3],
      ]),
      [0, 1],
      out,
    );
    expect(out[0]).toBeCloseTo(1, 5);
    expect(out[1]).toBe(0);
  });

  it('scores only the classes asked for, in that order', () => {
    const out = new Float32Array(1);
    neighbours.similarities(
      v([
        [3, 1],
        [0, 1],
      ]),
      [1],
      out,
    );
    expect(out[0]).toBeCloseTo(Math.SQRT1_2, 5);
  });

  it('gives 0 for an empty message and leaves no state behind', () => {
    const out = new Float32Array(2);
    neighbours.similarities(v([]), [0, 1], out);
    expect([...out]).toEqual([0, 0]);
    neighbours.similarities(v([[0, 1]]), [0, 1], out);
    expect([...out].map((x) => Number(x.toFixed(5)))).toEqual([1, 0]);
  });
});
