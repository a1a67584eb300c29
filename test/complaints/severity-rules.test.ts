import { describe, expect, it } from 'vitest';
import type { ComplaintCategory } from '../../src/complaints/complaint-category.ts';
import { COMPLAINT_SEVERITIES } from '../../src/complaints/complaint-severity.ts';
import type { SeverityCue } from '../../src/complaints/severity-cues.ts';
import { assessSeverity, SEVERITY_RULES, VERY_NEGATIVE_SCORE } from '../../src/complaints/severity-rules.ts';
import type { SentimentResult } from '../../src/sentiment/sentiment-result.ts';

const NEUTRAL: SentimentResult = { score: 0, comparative: 0, label: 'neutral' };
const NEGATIVE: SentimentResult = { score: -2, comparative: -0.2, label: 'negative' };
const FURIOUS: SentimentResult = { score: VERY_NEGATIVE_SCORE - 1, comparative: -0.8, label: 'negative' };
const POSITIVE: SentimentResult = { score: 2, comparative: 0.3, label: 'positive' };

describe('assessSeverity', () => {
  it.each<[string, ComplaintCategory, SentimentResult, SeverityCue[], string, string]>([
    ['a safety hazard, even when calm', 'damaged_product', NEUTRAL, ['safety_hazard'], 'safety-hazard', 'critical'],
    [
      'a safety hazard beats a legal threat',
      'damaged_product',
      FURIOUS,
      ['legal_threat', 'safety_hazard'],
      'safety-hazard',
      'critical',
    ],
    ['a legal threat', 'billing_payment', NEUTRAL, ['legal_threat'], 'legal-threat', 'critical'],
    ['fraud', 'billing_payment', NEUTRAL, ['fraud'], 'fraud', 'high'],
    ['a chargeback threat', 'billing_payment', NEUTRAL, ['chargeback'], 'chargeback', 'high'],
    ['a threat to leave', 'delivery', NEUTRAL, ['churn_threat'], 'churn-threat', 'high'],
    ['repeated contact while negative', 'delivery', NEGATIVE, ['repeated_contact'], 'angry-repeat', 'high'],
    ['a very negative message with no cue', 'other', FURIOUS, [], 'very-negative', 'high'],
    ['repeated contact while calm', 'staff_service', NEUTRAL, ['repeated_contact'], 'repeat-contact', 'medium'],
    ['a calm billing complaint', 'billing_payment', NEUTRAL, [], 'money-or-goods', 'medium'],
    ['a calm refund complaint', 'refund_return', POSITIVE, [], 'money-or-goods', 'medium'],
    ['a calm damaged product', 'damaged_product', NEUTRAL, [], 'money-or-goods', 'medium'],
    ['a negative delivery complaint', 'delivery', NEGATIVE, [], 'negative', 'medium'],
    ['a calm delivery complaint', 'delivery', NEUTRAL, [], 'default', 'low'],
    ['a calm "other" complaint', 'other', POSITIVE, [], 'default', 'low'],
  ])('rates %s', (_name, category, sentiment, cues, ruleId, severity) => {
    const rule = assessSeverity({ category, sentiment, cues: new Set(cues) });
    expect(rule.id).toBe(ruleId);
    expect(rule.severity).toBe(severity);
  });

  it('lists rules from most to least severe and ends with a rule that always applies', () => {
    const ranks = SEVERITY_RULES.map((rule) => COMPLAINT_SEVERITIES.indexOf(rule.severity));
    expect([...ranks].sort((a, b) => b - a)).toEqual(ranks);
    expect(SEVERITY_RULES.at(-1)?.applies({ category: 'other', sentiment: POSITIVE, cues: new Set() })).toBe(true);
    expect(new Set(SEVERITY_RULES.map((rule) => rule.id)).size).toBe(SEVERITY_RULES.length);
  });
});
