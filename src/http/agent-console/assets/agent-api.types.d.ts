/*
 * The JSON of the agent API (`src/http/agent-api/agent-api.json.ts`) as the console reads it.
 * test/http/agent-console-wire-types.test.ts makes `tsc` fail when the server's JSON stops
 * matching these types.
 */

type TicketStatus = 'new' | 'open' | 'pending' | 'solved' | 'closed';
type TicketPriority = 'low' | 'normal' | 'high' | 'urgent';

/** `GET /me`. */
export interface AgentJson {
  readonly id: number;
  readonly name: string;
  readonly role: 'agent' | 'admin';
  /** When the agent's token stops working (ISO time); null when it never expires. */
  readonly expiresAt: string | null;
}

/** A ticket as every answer that carries one shows it. */
export interface TicketJson {
  readonly reference: string;
  readonly subject: string;
  readonly category: string | null;
  readonly priority: TicketPriority;
  readonly status: TicketStatus;
  readonly reason: string;
  readonly assigneeId: number | null;
  readonly createdAt: string;
  readonly csatRating: number | null;
  /** Updates must quote it (optimistic concurrency). */
  readonly version: number;
}

/** The customer's health (`knowledge/health.yaml`'s scorecard): 0-100 and its band; null when the server has none. */
export interface CustomerHealthJson {
  readonly score: number;
  readonly band: 'red' | 'yellow' | 'green';
}

/** One line of the queue. */
export interface TicketListItemJson extends TicketJson {
  readonly customerName: string | null;
  readonly customerEmail: string | null;
  readonly latestSentiment: string | null;
  /** The customer's most negative message's label: what the queue shows. */
  readonly worstSentiment: string | null;
  readonly sentimentTrend: 'improving' | 'steady' | 'worsening' | null;
  readonly complaintSeverity: 'low' | 'medium' | 'high' | 'critical' | null;
  readonly assigneeName: string | null;
  readonly customerHealth: CustomerHealthJson | null;
}

/** `GET /tickets`. */
export interface TicketListJson {
  readonly tickets: readonly TicketListItemJson[];
  readonly total: number;
}

interface CustomerJson {
  readonly name: string | null;
  readonly email: string | null;
  readonly firstSeenAt: string;
}

export interface TicketEventJson {
  readonly type: string;
  /** `bot`, `customer` or `agent:<id>`. */
  readonly actor: string;
  readonly data: Readonly<Record<string, unknown>>;
  readonly createdAt: string;
}

export interface TranscriptMessageJson {
  readonly id: number;
  readonly author: 'customer' | 'bot' | 'agent';
  readonly text: string | null;
  readonly createdAt: string;
  readonly sentiment: { readonly comparative: number; readonly label: string } | null;
  readonly complaint:
    | { readonly isComplaint: false }
    | { readonly isComplaint: true; readonly category: string | null; readonly severity: string | null }
    | null;
  readonly match: { readonly kind: string } | null;
  readonly helpful: boolean | null;
  /** The titles of the buttons a bot message offered; empty when none. */
  readonly offered: readonly string[];
}

interface OtherTicketJson {
  readonly reference: string;
  readonly subject: string;
  readonly status: TicketStatus;
  readonly createdAt: string;
}

/** `GET /tickets/:ref`. */
export interface TicketDetailJson {
  readonly ticket: TicketJson;
  readonly customer: CustomerJson | null;
  readonly customerHealth: CustomerHealthJson | null;
  readonly events: readonly TicketEventJson[];
  readonly transcript: readonly TranscriptMessageJson[];
  readonly otherTickets: readonly OtherTicketJson[];
  readonly agents: readonly { readonly id: number; readonly name: string }[];
}

/** One knowledge answer of `GET /knowledge/entries` (canned replies). */
export interface CannedReplyJson {
  readonly id: string;
  readonly title: string;
  /** Markdown, as the bot sends it. */
  readonly answer: string;
}

/** `GET /knowledge/entries`. */
export interface CannedReplyListJson {
  readonly entries: readonly CannedReplyJson[];
}

/** The body of every refused request. */
export interface ApiErrorJson {
  readonly error: { readonly code: string; readonly message: string };
}
