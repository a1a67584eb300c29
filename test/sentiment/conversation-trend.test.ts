import { describe, expect, it } from 'vitest';
import { conversationTrend } from '../../src/sentiment/conversation-trend.ts';

describe('conversationTrend', () => {
  it.each([
    ['no turns', [], false],
    ['one turn', [-0.8], false],
    ['two falling turns (too few)', [0, -0.8], false],
    ['three turns falling into negative', [0, -0.2, -0.6], true],
    ['falling after a calm start', [0.4, 0.5, 0, -0.1, -0.5], true],
    ['two equal turns, then worse', [-0.2, -0.2, -0.8], true],
    ['improving', [-0.6, -0.2, 0], false],
    ['falling but still positive', [0.6, 0.3, 0.1], false],
    ['a rise inside the window', [0, -0.5, -0.4], false],
    ['flat and negative (not getting angrier)', [-0.5, -0.5, -0.5], false],
    ['a drop too small to count', [-0.1, -0.12, -0.15], false],
  ])('says gettingAngrier is right for %s', (_name, scores, expected) => {
    expect(conversationTrend(scores).gettingAngrier).toBe(expected);
  });

  it('weights recent turns most (exponentially weighted mean)', () => {
    expect(conversationTrend([1, 0, -1]).trend).toBe(-0.25);
    expect(conversationTrend([-1, 0, 1]).trend).toBe(0.25);
    expect(conversationTrend([]).trend).toBe(0);
  });

  it('counts non-finite scores as 0', () => {
    expect(conversationTrend([Number.NaN, Number.POSITIVE_INFINITY])).toEqual({
      trend: 0,
      gettingAngrier: false,
      direction: 'steady',
      turns: 2,
    });
  });
});
