/** What a group's content repeats: nothing, only a bounded number of times, or without bound. */
type Repeat = 0 | 1 | 2;

/**
 * Why a regular expression could take exponential time on some input (a repeated group that
 * itself contains a repeat, such as `(a+)+`, `(\w+\s?)*` or `(\d{1,3}\.)*`: "star height" above
 * one, the shape behind almost every catastrophic-backtracking report), or undefined when it has
 * none. Both repeats bounded (`(?: ?[A-Z0-9]{4}){3,7}`) is allowed: its work has a fixed bound.
 * A static check, so no hostile text is needed to find out; backreferences are refused too.
 */
export function backtrackingRisk(source: string): string | undefined {
  // For each open group: how its content repeats so far.
  const groups: Repeat[] = [];
  let lastGroup: Repeat = 0;
  for (let i = 0; i < source.length; i += 1) {
    const ch = source[i];
    if (ch === '\\') {
      const next = source[i + 1] ?? '';
      if (/[1-9]/.test(next) || next === 'k')
        return 'backreferences are not allowed (they can backtrack exponentially)';
      i += 1;
      lastGroup = 0;
      continue;
    }
    if (ch === '[') {
      i = endOfClass(source, i);
      lastGroup = 0;
      continue;
    }
    if (ch === '(') {
      groups.push(0);
      lastGroup = 0;
      continue;
    }
    if (ch === ')') {
      const inner = groups.pop() ?? 0;
      lastGroup = inner;
      raise(groups, inner);
      continue;
    }
    const quantifier = quantifierAt(source, i);
    if (quantifier !== undefined) {
      if (quantifier.repeats > 0 && lastGroup > 0 && Math.max(quantifier.repeats, lastGroup) === 2)
        return 'a repeated group contains a repeat (like (a+)+): it can backtrack catastrophically; bound both repeats or remove one';
      raise(groups, quantifier.repeats);
      i = quantifier.end - 1;
      // A lazy or possessive-looking suffix belongs to the quantifier.
      if (source[i + 1] === '?') i += 1;
      lastGroup = 0;
      continue;
    }
    lastGroup = 0;
  }
  return undefined;
}

/** Notes in the innermost open group that its content repeats (at least) `repeat`. */
function raise(groups: Repeat[], repeat: Repeat): void {
  const last = groups.length - 1;
  if (last >= 0 && (groups[last] ?? 0) < repeat) groups[last] = repeat;
}

/** Index of the `]` closing the class opened at `start` (escapes inside skipped). */
function endOfClass(source: string, start: number): number {
  for (let i = start + 1; i < source.length; i += 1) {
    if (source[i] === '\\') i += 1;
    else if (source[i] === ']') return i;
  }
  return source.length;
}

/** The quantifier starting at `i`, and how it repeats. */
function quantifierAt(source: string, i: number): { end: number; repeats: Repeat } | undefined {
  const ch = source[i];
  if (ch === '*' || ch === '+') return { end: i + 1, repeats: 2 };
  if (ch === '?') return { end: i + 1, repeats: 0 };
  if (ch !== '{') return undefined;
  const m = /^\{(\d+)(,(\d*))?\}/.exec(source.slice(i));
  if (m === null) return undefined;
  const max = m[2] === undefined ? Number(m[1]) : m[3] === '' ? Number.POSITIVE_INFINITY : Number(m[3]);
  return { end: i + m[0].length, repeats: max === Number.POSITIVE_INFINITY ? 2 : max > 1 ? 1 : 0 };
}
