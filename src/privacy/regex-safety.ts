/**
 * Why a regular expression could take exponential time on some input (a quantified group that
 * itself contains a quantifier, such as `(a+)+` or `(\w+\s?)*`: "star height" above one, the
 * shape behind almost every catastrophic-backtracking report), or undefined when it has none.
 * A static check, so no hostile text is needed to find out; backreferences are refused too.
 */
export function backtrackingRisk(source: string): string | undefined {
  // For each open group: whether its content has a quantifier so far.
  const groups: boolean[] = [];
  let lastAtomWasGroupWithQuantifier = false;
  for (let i = 0; i < source.length; i += 1) {
    const ch = source[i];
    if (ch === '\\') {
      const next = source[i + 1] ?? '';
      if (/[1-9]/.test(next) || next === 'k') return 'backreferences are not allowed (they can backtrack exponentially)';
      i += 1;
      lastAtomWasGroupWithQuantifier = false;
      continue;
    }
    if (ch === '[') {
      i = endOfClass(source, i);
      lastAtomWasGroupWithQuantifier = false;
      continue;
    }
    if (ch === '(') {
      groups.push(false);
      lastAtomWasGroupWithQuantifier = false;
      continue;
    }
    if (ch === ')') {
      const inner = groups.pop() ?? false;
      lastAtomWasGroupWithQuantifier = inner;
      // A group that repeats something makes its parent's content repeat too.
      if (inner && groups.length > 0) groups[groups.length - 1] = true;
      continue;
    }
    const quantifier = quantifierAt(source, i);
    if (quantifier !== undefined) {
      if (quantifier.repeats && lastAtomWasGroupWithQuantifier)
        return 'a repeated group contains a repeat (like (a+)+): it can backtrack catastrophically; make the inner or outer repeat bounded or remove it';
      if (quantifier.repeats && groups.length > 0) groups[groups.length - 1] = true;
      i = quantifier.end - 1;
      // A lazy or possessive-looking suffix belongs to the quantifier.
      if (source[i + 1] === '?') i += 1;
      lastAtomWasGroupWithQuantifier = false;
      continue;
    }
    lastAtomWasGroupWithQuantifier = false;
  }
  return undefined;
}

/** Index of the `]` closing the class opened at `start` (escapes inside skipped). */
function endOfClass(source: string, start: number): number {
  for (let i = start + 1; i < source.length; i += 1) {
    if (source[i] === '\\') i += 1;
    else if (source[i] === ']') return i;
  }
  return source.length;
}

/** The quantifier starting at `i`, and whether it can repeat more than once. */
function quantifierAt(source: string, i: number): { end: number; repeats: boolean } | undefined {
  const ch = source[i];
  if (ch === '*' || ch === '+') return { end: i + 1, repeats: true };
  if (ch === '?') return { end: i + 1, repeats: false };
  if (ch !== '{') return undefined;
  const m = /^\{(\d+)(,(\d*))?\}/.exec(source.slice(i));
  if (m === null) return undefined;
  const max = m[2] === undefined ? Number(m[1]) : m[3] === '' ? Number.POSITIVE_INFINITY : Number(m[3]);
  return { end: i + m[0].length, repeats: max > 1 };
}
