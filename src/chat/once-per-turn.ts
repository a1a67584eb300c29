import type { TurnContext } from 'botbuilder';

const MEMO_KEY = Symbol('answerdesk.oncePerTurn');

interface Memo {
  readonly inputs: readonly unknown[];
  readonly value: unknown;
}

/**
 * `compute()` run at most once per turn for `owner` and the same `inputs` (compared with
 * `Object.is`): a later call in the turn with equal inputs gets the first call's value. For pure
 * work that several parts of one turn ask for: botbuilder's prompts recognise the reply twice (once
 * as the dialog event bubbles, once to continue), every dialog level checks the message for an
 * interruption. The memo lives in `context.turnState`, so it ends with the turn.
 *
 * @example
 * const recognized = oncePerTurn(context, this, [context.activity.text, options], () => super.onRecognize(...));
 */
export function oncePerTurn<T>(context: TurnContext, owner: object, inputs: readonly unknown[], compute: () => T): T {
  let memos = context.turnState.get(MEMO_KEY) as WeakMap<object, Memo> | undefined;
  if (memos === undefined) {
    memos = new WeakMap();
    context.turnState.set(MEMO_KEY, memos);
  }
  const memo = memos.get(owner);
  if (memo !== undefined && sameInputs(memo.inputs, inputs)) return memo.value as T;
  const value = compute();
  memos.set(owner, { inputs, value });
  return value;
}

function sameInputs(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((x, i) => Object.is(x, b[i]));
}
