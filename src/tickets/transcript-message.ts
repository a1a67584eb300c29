import type { FeedbackRecord } from '../conversations/feedback-record.ts';
import type { TranscriptMessage } from './ticket-detail.ts';

/**
 * A stored chat message as an agent reads it in the ticket view. The `messages` row is mapped once,
 * by the conversations repository; this only picks what the ticket view shows, with the button
 * titles the message `offered` (read from the channel's transcript).
 */
export function transcriptMessageOf(record: FeedbackRecord, offered: readonly string[] = []): TranscriptMessage {
  const { complaint, match } = record;
  return {
    id: record.id,
    direction: record.direction,
    author: record.author,
    text: record.text,
    createdAt: record.createdAt,
    sentiment:
      record.sentiment === null
        ? null
        : { score: record.sentiment.score, comparative: record.sentiment.comparative, label: record.sentiment.label },
    complaint:
      complaint === null
        ? null
        : complaint.isComplaint
          ? {
              isComplaint: true,
              category: complaint.category,
              severity: complaint.severity,
              confidence: complaint.confidence,
            }
          : { isComplaint: false },
    match: match === null ? null : { kind: match.kind, entryId: match.entryId, confidence: match.confidence },
    helpful: record.helpful,
    offered,
  };
}
