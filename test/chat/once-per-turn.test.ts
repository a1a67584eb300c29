import { TestAdapter, TurnContext } from 'botbuilder';
import { describe, expect, it, vi } from 'vitest';
import { oncePerTurn } from '../../src/chat/once-per-turn.ts';

function turn(text: string): TurnContext {
  return new TurnContext(new TestAdapter(), { type: 'message', text });
}

describe('oncePerTurn', () => {
  it.each([['hello'], [''], ['talk to a person please']])(
    'computes once for the same owner and inputs in one turn (%j)',
    (text) => {
      const context = turn(text);
      const owner = {};
      const compute = vi.fn(() => ({ length: text.length }));
      const first = oncePerTurn(context, owner, [text], compute);
      expect(oncePerTurn(context, owner, [text], compute)).toBe(first);
      expect(compute).toHaveBeenCalledTimes(1);
    },
  );

  it('computes again for other inputs, another owner or another turn', () => {
    const context = turn('a');
    const owner = {};
    const options = {};
    const compute = vi.fn(() => Symbol('value'));
    const first = oncePerTurn(context, owner, ['a', options], compute);
    expect(oncePerTurn(context, owner, ['a', {}], compute)).not.toBe(first);
    expect(oncePerTurn(context, {}, ['a', options], compute)).not.toBe(oncePerTurn(context, owner, ['b'], compute));
    expect(oncePerTurn(turn('a'), owner, ['a', options], compute)).not.toBe(first);
    expect(compute).toHaveBeenCalledTimes(5);
  });
});
