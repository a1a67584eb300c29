import type { SentimentResult } from '../sentiment/sentiment-result.ts';
import type { ComplaintCategory } from './complaint-category.ts';
import type { ComplaintSeverity } from './complaint-severity.ts';
import type { SeverityCue } from './severity-cues.ts';

/** What the severity rules look at. */
export interface SeverityContext {
  readonly category: ComplaintCategory;
  readonly sentiment: SentimentResult;
  readonly cues: ReadonlySet<SeverityCue>;
}

/** One row of the severity table. */
export interface SeverityRule {
  readonly id: string;
  readonly severity: ComplaintSeverity;
  /** Plain-English condition, for admins and for the agent console. */
  readonly when: string;
  readonly applies: (context: SeverityContext) => boolean;
}

/** A sentiment score at or below this is "very negative" (e.g. "absolutely useless, disgusting service"). */
export const VERY_NEGATIVE_SCORE = -5;

/** Categories where money or a broken product is at stake. */
const MONEY_OR_GOODS: ReadonlySet<ComplaintCategory> = new Set(['billing_payment', 'refund_return', 'damaged_product']);

/** The last row: a complaint with nothing that raises it is `low`. */
const DEFAULT_SEVERITY_RULE: SeverityRule = {
  id: 'default',
  severity: 'low',
  when: 'anything else',
  applies: () => true,
};

/**
 * The severity table, read top to bottom: the FIRST rule whose condition holds decides.
 * Cue phrases come from `knowledge/complaints/severity-cues.yaml`.
 *
 * | # | id                 | severity | when |
 * |---|--------------------|----------|------|
 * | 1 | safety-hazard      | critical | mentions fire, burns, injury, shock, choking or another danger to a person |
 * | 2 | legal-threat       | critical | threatens a lawyer, court, the ombudsman or trading standards |
 * | 3 | fraud              | high     | reports fraud, unauthorised charges, a stolen card or a hacked account |
 * | 4 | chargeback         | high     | threatens a chargeback or a dispute with the bank |
 * | 5 | churn-threat       | high     | threatens to leave, close the account or post a bad review |
 * | 6 | angry-repeat       | high     | has asked before or is still waiting, and the message is negative |
 * | 7 | very-negative      | high     | sentiment score ≤ VERY_NEGATIVE_SCORE |
 * | 8 | repeat-contact     | medium   | has asked before or is still waiting |
 * | 9 | money-or-goods     | medium   | billing, refund or damaged-product complaint |
 * | 10| negative           | medium   | sentiment is negative |
 * | 11| default            | low      | anything else |
 */
export const SEVERITY_RULES: readonly SeverityRule[] = [
  {
    id: 'safety-hazard',
    severity: 'critical',
    when: 'mentions a danger to a person (fire, burns, injury, shock, choking)',
    applies: (c) => c.cues.has('safety_hazard'),
  },
  {
    id: 'legal-threat',
    severity: 'critical',
    when: 'threatens legal action (lawyer, court, ombudsman, trading standards)',
    applies: (c) => c.cues.has('legal_threat'),
  },
  {
    id: 'fraud',
    severity: 'high',
    when: 'reports fraud, unauthorised charges or a hacked account',
    applies: (c) => c.cues.has('fraud'),
  },
  {
    id: 'chargeback',
    severity: 'high',
    when: 'threatens a chargeback or a dispute with the bank',
    applies: (c) => c.cues.has('chargeback'),
  },
  {
    id: 'churn-threat',
    severity: 'high',
    when: 'threatens to leave, close the account or post a bad review',
    applies: (c) => c.cues.has('churn_threat'),
  },
  {
    id: 'angry-repeat',
    severity: 'high',
    when: 'has asked before or is still waiting, and is negative',
    applies: (c) => c.cues.has('repeated_contact') && c.sentiment.label === 'negative',
  },
  {
    id: 'very-negative',
    severity: 'high',
    when: `sentiment score is ${VERY_NEGATIVE_SCORE} or lower`,
    applies: (c) => c.sentiment.score <= VERY_NEGATIVE_SCORE,
  },
  {
    id: 'repeat-contact',
    severity: 'medium',
    when: 'has asked before or is still waiting',
    applies: (c) => c.cues.has('repeated_contact'),
  },
  {
    id: 'money-or-goods',
    severity: 'medium',
    when: 'is about billing, a refund or a damaged product',
    applies: (c) => MONEY_OR_GOODS.has(c.category),
  },
  {
    id: 'negative',
    severity: 'medium',
    when: 'sentiment is negative',
    applies: (c) => c.sentiment.label === 'negative',
  },
  DEFAULT_SEVERITY_RULE,
];

/** Applies `SEVERITY_RULES` in order and returns the rule that decided (its `severity` is the answer). */
export function assessSeverity(
  context: SeverityContext,
  rules: readonly SeverityRule[] = SEVERITY_RULES,
): SeverityRule {
  return rules.find((rule) => rule.applies(context)) ?? DEFAULT_SEVERITY_RULE;
}
