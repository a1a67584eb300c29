/*
 * The JSON of the customer health routes (`src/http/admin-api/customers.json.ts`) as the admin
 * page reads it. test/http/admin-customers-wire-types.test.ts makes `tsc` fail when they drift.
 */

export type HealthBandJson = 'red' | 'yellow' | 'green';

/** One measure that took points off the score (`knowledge/health.yaml` names the measures). */
export interface HealthReasonJson {
  readonly measure: string;
  /** A count, or percent for `negativeSentiment`. */
  readonly value: number;
  readonly points: number;
}

/** One line of `GET /api/admin/customers`. */
export interface CustomerHealthItemJson {
  readonly id: number;
  readonly name: string | null;
  readonly email: string | null;
  readonly score: number;
  readonly band: HealthBandJson;
  /** The top three, most points first. */
  readonly reasons: readonly HealthReasonJson[];
  readonly openTickets: number;
  readonly lastContactAt: string;
}

/** `GET /api/admin/customers`. */
export interface CustomerHealthListJson {
  readonly customers: readonly CustomerHealthItemJson[];
  readonly total: number;
  readonly limit: number;
  readonly offset: number;
}

export interface ProfileConversationJson {
  readonly id: string;
  readonly channelId: string;
  readonly startedAt: string;
  readonly lastActivityAt: string;
  readonly messages: number;
  readonly customerMessages: number;
  readonly complaints: number;
  readonly negativeMessages: number;
  /** The admin API path of its messages. */
  readonly messagesUrl: string;
}

export interface ProfileTicketJson {
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

/** `GET /api/admin/customers/:id`. */
export interface CustomerProfileJson {
  readonly customer: {
    readonly id: number;
    readonly name: string | null;
    readonly email: string | null;
    readonly firstSeenAt: string;
    readonly lastSeenAt: string;
  };
  readonly score: number;
  readonly band: HealthBandJson;
  /** Every measure that took points, most first. */
  readonly reasons: readonly HealthReasonJson[];
  readonly conversations: readonly ProfileConversationJson[];
  readonly tickets: readonly ProfileTicketJson[];
  readonly ratings: readonly {
    readonly ticketReference: string;
    readonly rating: number;
    readonly comment: string | null;
    readonly solvedAt: string | null;
  }[];
}
