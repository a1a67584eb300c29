import type { LabelledText } from '../src/knowledge/evaluation/labelled-csv.ts';
import { AnswerMatcher } from '../src/knowledge/matching/answer-matcher.ts';
import type { MatcherOptions } from '../src/knowledge/matching/matcher-options.ts';

/** A matcher built by one of the bench's sections and the test rows it was measured on. */
export interface AskingBackRun {
  readonly name: string;
  readonly matcher: AnswerMatcher;
  readonly test: readonly LabelledText[];
  /** Label of out-of-scope rows (their right outcome is anything but an answer). */
  readonly noneLabel?: string;
}

interface Outcomes {
  answerRate: number;
  answerAccuracy: number;
  askedRate: number;
  askedOffersRight: number;
  noMatchRate: number;
}

function outcomes(matcher: AnswerMatcher, test: readonly LabelledText[], noneLabel: string | undefined): Outcomes {
  let answered = 0;
  let right = 0;
  let asked = 0;
  let offered = 0;
  let none = 0;
  for (const row of test) {
    const result = matcher.match(row.text);
    if (result.kind === 'answer') {
      answered += 1;
      if (result.entry.id === row.category) right += 1;
    } else if (result.kind === 'ambiguous') {
      asked += 1;
      if (row.category !== noneLabel && result.candidates.some((c) => c.entry.id === row.category)) offered += 1;
    } else none += 1;
  }
  const n = Math.max(1, test.length);
  return {
    answerRate: answered / n,
    answerAccuracy: answered === 0 ? 0 : right / answered,
    askedRate: asked / n,
    askedOffersRight: asked === 0 ? 0 : offered / asked,
    noMatchRate: none / n,
  };
}

const f3 = (x: number): string => x.toFixed(3);

/**
 * Section 7 of the matching bench: the served options against the same matchers with the
 * asking-back rules off (`closeRatio` 1, `vagueTerms` 0), so before and after share one build.
 * `shortMessages`: the sample knowledge with `bench/data/short-messages.csv` (category `ask`:
 * should not be answered; otherwise the entry that should).
 */
export function askingBack(
  lines: string[],
  served: MatcherOptions,
  runs: readonly AskingBackRun[],
  shortMessages: { matcher: AnswerMatcher; rows: readonly LabelledText[] } | undefined,
): void {
  const before: Partial<MatcherOptions> = { ...served, closeRatio: 1, vagueTerms: 0 };
  lines.push('## 7. Asking back on short, vague and close messages (same build, rules off → on)', '');
  lines.push(
    `"off": \`closeRatio\` 1, \`vagueTerms\` 0 (the matcher before the rules); "on": the served options (\`closeRatio\` ${served.closeRatio}, \`vagueTerms\` ${served.vagueTerms}). Answer accuracy = right answers / answers. "right one offered" = share of the asked-back rows whose did-you-mean holds the expected entry.`,
    '',
  );
  lines.push(
    '| test set | rules | answer rate | answer accuracy | asked back | right one offered | no-match |',
    '|---|---|---|---|---|---|---|',
  );
  for (const run of runs) {
    const snapshot = run.matcher.toSnapshot();
    for (const [label, options] of [
      ['off', before],
      ['on', served],
    ] as const) {
      const o = outcomes(AnswerMatcher.restore(snapshot, options), run.test, run.noneLabel);
      lines.push(
        `| ${run.name} | ${label} | ${f3(o.answerRate)} | ${f3(o.answerAccuracy)} | ${f3(o.askedRate)} | ${f3(o.askedOffersRight)} | ${f3(o.noMatchRate)} |`,
      );
    }
  }
  lines.push('');
  if (shortMessages === undefined) return;
  const vague = shortMessages.rows.filter((r) => r.category === 'ask');
  const specific = shortMessages.rows.filter((r) => r.category !== 'ask');
  lines.push(
    `Short messages written against the sample knowledge (\`bench/data/short-messages.csv\`, not used to tune): ${vague.length} broad ones that fit several entries (right: not answered), ${specific.length} short ones that name one topic (right: answered with it).`,
    '',
    '| rules | broad: asked back | broad: answered (wrong) | specific: answered right | specific: asked back |',
    '|---|---|---|---|---|',
  );
  const snapshot = shortMessages.matcher.toSnapshot();
  for (const [label, options] of [
    ['off', before],
    ['on', served],
  ] as const) {
    const matcher = AnswerMatcher.restore(snapshot, options);
    const kinds = (rows: readonly LabelledText[]) => rows.map((row) => ({ row, result: matcher.match(row.text) }));
    const v = kinds(vague);
    const s = kinds(specific);
    const share = (n: number, of: number): string => `${f3(n / Math.max(1, of))} (${n})`;
    lines.push(
      `| ${label} | ${share(v.filter((x) => x.result.kind === 'ambiguous').length, v.length)} | ${share(v.filter((x) => x.result.kind === 'answer').length, v.length)} | ${share(s.filter((x) => x.result.kind === 'answer' && x.result.entry.id === x.row.category).length, s.length)} | ${share(s.filter((x) => x.result.kind === 'ambiguous').length, s.length)} |`,
    );
  }
  lines.push('');
}
