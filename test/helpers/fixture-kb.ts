import type { KnowledgeBase } from '../../src/knowledge/knowledge-base.ts';
import type { KnowledgeEntry } from '../../src/knowledge/knowledge-entry.ts';
import type { Candidate, MatchResult } from '../../src/knowledge/matching/match-result.ts';

function entry(id: string, title: string, answer: string, extra: Partial<KnowledgeEntry> = {}): KnowledgeEntry {
  return { id, title, answer, questions: [title], tags: [], followUps: [], escalate: false, enabled: true, ...extra };
}

/** A tiny knowledge base for dialog tests. */
export const FIXTURE_KB: KnowledgeBase = {
  outOfScope: [],
  entries: [
    entry('track-order', 'Track my order', 'Open **My orders** to follow your parcel.', {
      followUps: ['order-delayed'],
    }),
    entry('order-delayed', 'My order is late', 'Late orders usually arrive within 2 extra days.'),
    entry('refund-status', 'Refund status', 'Refunds take 5 business days.'),
    entry('return-item', 'Return an item', 'Start a return from **My orders**.'),
    entry('report-fraud', 'Report fraud', 'We take fraud seriously; a specialist will contact you.', {
      escalate: true,
    }),
  ],
  responses: {
    greeting: 'Welcome to the shop!',
    popularTopics: ['track-order', 'refund-status'],
    fallback: 'Sorry, could you rephrase?',
    fallbackOfferHuman: 'I still cannot find it. Want a person?',
    didYouMean: 'Did you mean one of these?',
    noneOfThese: 'None of these',
    didThisHelp: 'Did this help?',
    helpfulYes: 'Yes',
    helpfulNo: 'No',
    thanksForFeedback: 'Thanks for the feedback!',
    sorryNotHelpful: 'Sorry that did not help.',
    offerHuman: 'Talk to a person',
    help: 'I answer questions about orders.',
    startOver: 'OK, starting over.',
    emptyMessage: 'That message was empty.',
    humanUnavailable: 'No agent is available yet; your request was recorded.',
    error: 'Sorry, something went wrong.',
    handoffConfirm: 'Shall I get a person?',
    handoffDeclined: 'OK, no person then.',
    askName: 'What is your name?',
    askEmail: 'What is your email?',
    invalidName: 'That does not look like a name.',
    invalidEmail: 'That email does not look right.',
    ticketCreated: 'Ticket {reference} created.',
    ticketUpdated: 'Added to ticket {reference}.',
    handoffWaiting: 'A person will reply soon.',
    agentJoined: '{agent} joined.',
    handoffFailed: 'Nobody is free; we will email you.',
    csatAsk: 'Rate us 1 to 5.',
    csatComment: 'Any comment?',
    csatThanks: 'Thanks for rating.',
    ticketCreatedNoEmail: 'Ticket {reference} created; keep this chat open.',
    teamAway: 'The team is away until {when}.',
    teamBackSoon: 'soon',
    askEmailAfterHours: 'Email for a reply later?',
    ticketCreatedAfterHours: 'Ticket {reference} created; email reply after {when}.',
    ticketCreatedAfterHoursNoEmail: 'Ticket {reference} created; come back after {when}.',
    ticketUpdatedAfterHours: 'Added to ticket {reference}; back {when}.',
    smallTalk: {
      fillers: ['there', 'so much', 'a lot', 'ok', 'again'],
      topics: [
        {
          id: 'bot-identity',
          phrases: ['are you a (bot|robot|human|real person)', 'who are you'],
          reply: 'I am the shop bot.',
          offerHuman: true,
        },
        { id: 'goodbye', phrases: ['(bye|goodbye)', "that's all"], reply: 'Bye for now!', offerHuman: false },
        { id: 'thanks', phrases: ['(thanks|thank you|cheers)'], reply: 'You are welcome!', offerHuman: false },
        {
          id: 'how-are-you',
          phrases: ['how are you'],
          reply: 'Fine, thanks. What can I do for you?',
          offerHuman: false,
        },
        { id: 'greeting', phrases: ['(hi|hello|hey)', 'good (morning|evening)'], reply: 'Hello!', offerHuman: false },
      ],
    },
    complaintAcknowledgeLow: 'Sorry about that (low).',
    complaintAcknowledgeMedium: 'Sorry about this (medium).',
    complaintAcknowledgeHigh: 'Really sorry (high).',
    complaintAcknowledgeCritical: 'Very sorry, this is serious (critical).',
    languages: ['en'],
    otherLanguage: { default: 'I only speak {languages}.', fr: 'Je ne parle que {languages}.' },
  },
  files: [],
};

function candidate(id: string, confidence: number): Candidate {
  const found = FIXTURE_KB.entries.find((e) => e.id === id);
  if (found === undefined) throw new Error(`no fixture entry ${id}`);
  return { entry: found, confidence, matchedTerms: [] };
}

/**
 * A scripted matcher, so dialog tests control the outcome exactly: the real matcher has its own
 * tests. Unknown texts are no-matches.
 */
export function scriptedMatch(text: string): MatchResult {
  const t = text.toLowerCase();
  if (t.includes('where is my order')) {
    return {
      kind: 'answer',
      entry: candidate('track-order', 0.9).entry,
      confidence: 0.9,
      candidates: [candidate('track-order', 0.9), candidate('order-delayed', 0.06), candidate('return-item', 0.02)],
    };
  }
  if (t.includes('fraud')) {
    return {
      kind: 'answer',
      entry: candidate('report-fraud', 0.95).entry,
      confidence: 0.95,
      candidates: [candidate('report-fraud', 0.95)],
    };
  }
  if (t.includes('my order is late')) {
    return {
      kind: 'answer',
      entry: candidate('order-delayed', 0.8).entry,
      confidence: 0.8,
      candidates: [candidate('order-delayed', 0.8)],
    };
  }
  if (t.includes('money back')) {
    return {
      kind: 'ambiguous',
      reason: 'close',
      candidates: [candidate('refund-status', 0.45), candidate('return-item', 0.4)],
    };
  }
  return { kind: 'no-match', candidates: [candidate('return-item', 0.1)] };
}
