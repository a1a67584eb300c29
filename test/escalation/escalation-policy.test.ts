import { describe, expect, it } from 'vitest';
import {
  decideEscalation,
  ESCALATION_REASONS,
  type EscalationDecision,
  type EscalationSignals,
  type EscalationThresholds,
  REASON_PRECEDENCE,
} from '../../src/escalation/escalation-policy.ts';

const DEFAULTS: EscalationThresholds = {
  afterNoMatches: 2,
  afterUnhelpfulVotes: 2,
  sentimentBelow: -0.5,
  complaintSeverity: 'high',
};
const CALM: EscalationSignals = {
  requestedHuman: false,
  consecutiveNoMatches: 0,
  unhelpfulVotes: 0,
  escalateTopic: false,
};

function signals(overrides: Partial<EscalationSignals>): EscalationSignals {
  return { ...CALM, ...overrides };
}

const stay: EscalationDecision = { escalate: false };
const go = (reason: string, priority: string) => ({ escalate: true, reason, priority });

describe('decideEscalation', () => {
  it.each<[string, Partial<EscalationSignals>, Partial<EscalationThresholds>, unknown]>([
    ['a calm conversation stays with the bot', {}, {}, stay],
    ['an explicit request for a person', { requestedHuman: true }, {}, go('requested', 'normal')],
    ['one no-match is not enough', { consecutiveNoMatches: 1 }, {}, stay],
    ['two consecutive no-matches', { consecutiveNoMatches: 2 }, {}, go('repeated_no_match', 'normal')],
    ['three no-matches with a threshold of 4', { consecutiveNoMatches: 3 }, { afterNoMatches: 4 }, stay],
    ['one "not helpful" vote is not enough', { unhelpfulVotes: 1 }, {}, stay],
    ['two "not helpful" votes', { unhelpfulVotes: 2 }, {}, go('unhelpful', 'normal')],
    ['one vote with a threshold of 1', { unhelpfulVotes: 1 }, { afterUnhelpfulVotes: 1 }, go('unhelpful', 'normal')],
    ['an answer marked escalate', { escalateTopic: true }, {}, go('topic', 'normal')],
    ['sentiment exactly at the threshold stays', { sentiment: { comparative: -0.5, gettingAngrier: false } }, {}, stay],
    [
      'sentiment below the threshold',
      { sentiment: { comparative: -0.51, gettingAngrier: false } },
      {},
      go('negative_sentiment', 'high'),
    ],
    [
      'mildly negative but getting angrier',
      { sentiment: { comparative: -0.1, gettingAngrier: true } },
      {},
      go('negative_sentiment', 'high'),
    ],
    [
      'a stricter sentiment threshold',
      { sentiment: { comparative: -0.6, gettingAngrier: false } },
      { sentimentBelow: -1 },
      stay,
    ],
    ['a low complaint', { complaint: { severity: 'low', category: 'delivery' } }, {}, stay],
    ['a medium complaint', { complaint: { severity: 'medium', category: 'delivery' } }, {}, stay],
    ['a high complaint', { complaint: { severity: 'high', category: 'delivery' } }, {}, go('complaint', 'high')],
    [
      'a critical complaint is urgent',
      { complaint: { severity: 'critical', category: 'fraud' } },
      {},
      go('complaint', 'urgent'),
    ],
    [
      'a medium complaint when the minimum is medium',
      { complaint: { severity: 'medium', category: 'billing' } },
      { complaintSeverity: 'medium' },
      go('complaint', 'normal'),
    ],
    [
      'a high complaint when the minimum is critical',
      { complaint: { severity: 'high', category: 'billing' } },
      { complaintSeverity: 'critical' },
      stay,
    ],
    [
      'a critical complaint wins over everything else',
      {
        requestedHuman: true,
        consecutiveNoMatches: 5,
        unhelpfulVotes: 5,
        escalateTopic: true,
        sentiment: { comparative: -2, gettingAngrier: true },
        complaint: { severity: 'critical', category: 'fraud' },
      },
      {},
      go('complaint', 'urgent'),
    ],
    [
      'an angry request is reported as anger, priority high',
      { requestedHuman: true, sentiment: { comparative: -1, gettingAngrier: false } },
      {},
      go('negative_sentiment', 'high'),
    ],
    [
      'a high complaint from an angry customer stays high',
      { complaint: { severity: 'high', category: 'delivery' }, sentiment: { comparative: -1, gettingAngrier: true } },
      {},
      go('complaint', 'high'),
    ],
    [
      'a low complaint (below the minimum) from an angry customer escalates on anger',
      { complaint: { severity: 'low', category: 'delivery' }, sentiment: { comparative: -0.8, gettingAngrier: false } },
      {},
      go('negative_sentiment', 'high'),
    ],
    [
      'a low complaint when the minimum is low takes the request priority when higher',
      { complaint: { severity: 'low', category: 'delivery' }, requestedHuman: true },
      { complaintSeverity: 'low' },
      go('complaint', 'normal'),
    ],
    [
      'a high complaint below a critical minimum still sets the priority of a request',
      { complaint: { severity: 'high', category: 'billing' }, requestedHuman: true },
      { complaintSeverity: 'critical' },
      go('requested', 'high'),
    ],
    [
      'a medium complaint below the minimum keeps a no-match escalation at normal',
      { complaint: { severity: 'medium', category: 'delivery' }, consecutiveNoMatches: 2 },
      {},
      go('repeated_no_match', 'normal'),
    ],
    [
      'a high complaint below a critical minimum makes an unhelpful escalation high',
      { complaint: { severity: 'high', category: 'delivery' }, unhelpfulVotes: 2 },
      { complaintSeverity: 'critical' },
      go('unhelpful', 'high'),
    ],
    ['a request wins over a topic', { requestedHuman: true, escalateTopic: true }, {}, go('requested', 'normal')],
    [
      'a topic wins over the bot failing',
      { escalateTopic: true, unhelpfulVotes: 3, consecutiveNoMatches: 3 },
      {},
      go('topic', 'normal'),
    ],
    [
      'unhelpful votes win over no-matches',
      { unhelpfulVotes: 2, consecutiveNoMatches: 2 },
      {},
      go('unhelpful', 'normal'),
    ],
  ])('%s', (_name, overrides, thresholds, expected) => {
    expect(decideEscalation(signals(overrides), { ...DEFAULTS, ...thresholds })).toEqual(expected);
  });

  it('ranks every reason exactly once', () => {
    expect([...REASON_PRECEDENCE].sort()).toEqual([...ESCALATION_REASONS].sort());
  });
});
