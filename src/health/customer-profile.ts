import type { HealthScore } from './health-score.ts';

/** One conversation of a customer, with how many messages it holds. */
export interface ProfileConversation {
  readonly id: string;
  readonly channelId: string;
  readonly startedAt: string;
  readonly lastActivityAt: string;
  readonly messages: number;
  readonly customerMessages: number;
  readonly complaints: number;
  readonly negativeMessages: number;
}

/** One ticket of a customer, with its rating. */
export interface ProfileTicket {
  readonly reference: string;
  readonly conversationId: string;
  readonly subject: string;
  readonly category: string | null;
  readonly status: string;
  readonly priority: string;
  readonly createdAt: string;
  readonly solvedAt: string | null;
  readonly csatRating: number | null;
  readonly csatComment: string | null;
}

/** Everything the profile shows of a customer: who, their health and their whole support history, newest first. */
export interface CustomerProfile {
  readonly customer: {
    readonly id: number;
    readonly name: string | null;
    readonly email: string | null;
    readonly firstSeenAt: string;
    readonly lastSeenAt: string;
  };
  readonly health: HealthScore;
  readonly conversations: readonly ProfileConversation[];
  readonly tickets: readonly ProfileTicket[];
}
