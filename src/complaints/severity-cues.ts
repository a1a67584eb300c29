import { PhraseMatcher } from './phrase-matcher.ts';

/**
 * Kinds of explicit cue that raise a complaint's severity; the phrases for each live in
 * `knowledge/complaints/severity-cues.yaml`, what they do in `severity-rules.ts`.
 */
export const SEVERITY_CUES = [
  'safety_hazard',
  'legal_threat',
  'fraud',
  'chargeback',
  'churn_threat',
  'repeated_contact',
] as const;

export type SeverityCue = (typeof SEVERITY_CUES)[number];

/** Finds which severity cues a message contains. */
export class SeverityCueFinder {
  private readonly matchers: readonly { cue: SeverityCue; matcher: PhraseMatcher }[];

  constructor(phrases: ReadonlyMap<SeverityCue, readonly string[]>) {
    this.matchers = SEVERITY_CUES.map((cue) => ({ cue, matcher: new PhraseMatcher(phrases.get(cue) ?? []) }));
  }

  find(text: string): ReadonlySet<SeverityCue> {
    const found = new Set<SeverityCue>();
    for (const { cue, matcher } of this.matchers) if (matcher.test(text)) found.add(cue);
    return found;
  }
}
