import { COMPLAINT_SEVERITIES, type ComplaintSeverity } from '../complaints/complaint-severity.ts';
import { higherPriority, type TicketPriority } from './ticket-priority.ts';

/** Why a conversation went to a person. */
export const ESCALATION_REASONS = [
  'requested',
  'repeated_no_match',
  'unhelpful',
  'topic',
  'negative_sentiment',
  'complaint',
] as const;

export type EscalationReason = (typeof ESCALATION_REASONS)[number];

/**
 * What is known about a conversation at the end of a customer's turn: plain data, gathered by the
 * caller (the bot's turn analysis), so the policy stays pure.
 */
export interface EscalationSignals {
  /** The customer asked for a person in so many words (or clicked "talk to a person"). */
  readonly requestedHuman: boolean;
  /** Questions in a row, ending with this one, that the matcher could not answer. */
  readonly consecutiveNoMatches: number;
  /** "Not helpful" votes in this conversation so far. */
  readonly unhelpfulVotes: number;
  /** The knowledge entry that answered is marked `escalate: true`. */
  readonly escalateTopic: boolean;
  /** Sentiment of the latest message and the conversation's trend; absent when not analysed. */
  readonly sentiment?: { readonly comparative: number; readonly gettingAngrier: boolean };
  /** Present when the latest message was classified as a complaint. */
  readonly complaint?: { readonly severity: ComplaintSeverity; readonly category: string };
}

/** The thresholds, from config (`config.escalation` has exactly this shape). */
export interface EscalationThresholds {
  /** `ESCALATE_AFTER_NO_MATCHES`: escalate at this many consecutive no-matches (default 2). */
  readonly afterNoMatches: number;
  /** `ESCALATE_AFTER_UNHELPFUL_VOTES`: escalate at this many "not helpful" votes (default 2). */
  readonly afterUnhelpfulVotes: number;
  /**
   * `ESCALATE_SENTIMENT_BELOW`: escalate when the latest message's comparative (−1..1, the score
   * normalised, not divided by the words: see `SentimentResult`) is strictly below this (default
   * −0.75). Measured with the project's analyzer, −0.75 flags 0.75% of BANKING77's 3,080 test
   * questions and catches "still waiting, third time I ask!!" (−0.77), "this is ridiculous, I want
   * my money back NOW" (−0.84) and any long furious message (−0.9 and below), while a two-word
   * "email problem" or a factual "my parcel is late" (−0.46) stays with the bot however short it
   * is. Complaints have their own signal.
   */
  readonly sentimentBelow: number;
  /** `ESCALATE_COMPLAINT_SEVERITY`: the least severe complaint that escalates (default `high`). */
  readonly complaintSeverity: ComplaintSeverity;
}

export type EscalationDecision =
  | { readonly escalate: false }
  | { readonly escalate: true; readonly reason: EscalationReason; readonly priority: TicketPriority };

/**
 * When several reasons apply, the first in this list is reported: the one that tells the agent
 * most about how to approach the customer. A complaint (worst first: a critical one is always
 * reported), then anger, then an explicit request, then a sensitive topic, then the bot's own
 * failures.
 */
export const REASON_PRECEDENCE: readonly EscalationReason[] = [
  'complaint',
  'negative_sentiment',
  'requested',
  'topic',
  'unhelpful',
  'repeated_no_match',
];

/** A complaint's priority follows its severity; `critical` is the only way to `urgent`. */
const PRIORITY_BY_SEVERITY: Readonly<Record<ComplaintSeverity, TicketPriority>> = {
  low: 'low',
  medium: 'normal',
  high: 'high',
  critical: 'urgent',
};

/**
 * The ticket priority a complaint of `severity` deserves: low → low, medium → normal, high →
 * high, critical → urgent. A ticket that carries a complaint never gets less.
 */
export function complaintPriority(severity: ComplaintSeverity): TicketPriority {
  return PRIORITY_BY_SEVERITY[severity];
}

/** An angry customer is seen before a calm one; everything else waits its turn. */
const NEGATIVE_SENTIMENT_PRIORITY: TicketPriority = 'high';
const DEFAULT_PRIORITY: TicketPriority = 'normal';

/**
 * Decides whether a person should take over the conversation, why, and how urgently.
 *
 * The reason is the first that applies in `REASON_PRECEDENCE`; the priority is the highest of all
 * reasons that apply, so an angry customer who asks for a person is reported as
 * `negative_sentiment` with priority `high`. A complaint too mild to escalate on its own still
 * sets the priority when another reason escalates (a medium complaint plus a request for a person
 * is `requested` with priority `normal`, a high one never less than `high`). Pure and total: never throws.
 *
 * @example
 * decideEscalation({ requestedHuman: true, consecutiveNoMatches: 0, unhelpfulVotes: 0, escalateTopic: false }, config.escalation);
 * // { escalate: true, reason: 'requested', priority: 'normal' }
 */
export function decideEscalation(signals: EscalationSignals, thresholds: EscalationThresholds): EscalationDecision {
  const applies = new Map<EscalationReason, TicketPriority>();
  const { complaint, sentiment } = signals;
  if (
    complaint !== undefined &&
    COMPLAINT_SEVERITIES.indexOf(complaint.severity) >= COMPLAINT_SEVERITIES.indexOf(thresholds.complaintSeverity)
  ) {
    applies.set('complaint', complaintPriority(complaint.severity));
  }
  if (sentiment !== undefined && (sentiment.comparative < thresholds.sentimentBelow || sentiment.gettingAngrier)) {
    applies.set('negative_sentiment', NEGATIVE_SENTIMENT_PRIORITY);
  }
  if (signals.requestedHuman) applies.set('requested', DEFAULT_PRIORITY);
  if (signals.escalateTopic) applies.set('topic', DEFAULT_PRIORITY);
  if (signals.unhelpfulVotes >= thresholds.afterUnhelpfulVotes) applies.set('unhelpful', DEFAULT_PRIORITY);
  if (signals.consecutiveNoMatches >= thresholds.afterNoMatches) applies.set('repeated_no_match', DEFAULT_PRIORITY);

  const reason = REASON_PRECEDENCE.find((r) => applies.has(r));
  if (reason === undefined) return { escalate: false };
  const priorities = [...applies.values()];
  if (complaint !== undefined) priorities.push(complaintPriority(complaint.severity));
  return { escalate: true, reason, priority: priorities.reduce(higherPriority) };
}
