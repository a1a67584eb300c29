import type { Updateable } from 'kysely';
import type { MessageTable } from './conversation.table.ts';
import type { MessageFindings } from './feedback-record.ts';

/**
 * The `messages` columns of what was learned about an inbound message (match outcome, sentiment,
 * complaint); only the parts present. The one mapping for the insert and the update alike.
 */
export function findingsColumns({ match, sentiment, complaint }: MessageFindings): Updateable<MessageTable> {
  return {
    ...(match === undefined
      ? {}
      : {
          match_kind: match.kind,
          match_entry_id: match.entryId,
          match_confidence: match.confidence,
          match_candidates: JSON.stringify(match.candidates),
        }),
    ...(sentiment === undefined
      ? {}
      : {
          sentiment_score: sentiment.score,
          sentiment_comparative: sentiment.comparative,
          sentiment_label: sentiment.label,
        }),
    ...(complaint === undefined
      ? {}
      : {
          is_complaint: complaint.isComplaint ? 1 : 0,
          complaint_category: complaint.category,
          complaint_severity: complaint.severity,
          complaint_confidence: complaint.confidence,
        }),
  };
}
