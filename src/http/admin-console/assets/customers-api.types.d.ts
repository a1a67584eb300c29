/*
 * The JSON of the customer health routes (`src/http/admin-api/customers.json.ts`) as the admin
 * page reads it, made from the domain types of `src/health` (one source: a field added or renamed
 * there changes these). test/http/admin-customers-wire-types.test.ts makes `tsc` fail when the
 * JSON the routes write stops matching these.
 */
import type { CustomerProfile, ProfileConversation, ProfileTicket } from '../../../health/customer-profile.ts';
import type { HealthBand, HealthReason, HealthScore } from '../../../health/health-score.ts';

export type HealthBandJson = HealthBand;

/** One measure that took points off the score (`knowledge/health.yaml` names the measures). */
export type HealthReasonJson = HealthReason;

/** One line of `GET /api/admin/customers`: who, the score and band, the top three reasons (most points first). */
export interface CustomerHealthItemJson extends HealthScore {
  readonly id: number;
  readonly name: string | null;
  readonly email: string | null;
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

export interface ProfileConversationJson extends ProfileConversation {
  /** The admin API path of its messages. */
  readonly messagesUrl: string;
}

export type ProfileTicketJson = ProfileTicket;

/** `GET /api/admin/customers/:id`: the customer, their health with every reason, conversations, tickets, ratings. */
export interface CustomerProfileJson extends HealthScore {
  readonly customer: CustomerProfile['customer'];
  readonly conversations: readonly ProfileConversationJson[];
  readonly tickets: readonly ProfileTicketJson[];
  readonly ratings: readonly {
    readonly ticketReference: string;
    readonly rating: number;
    readonly comment: string | null;
    readonly solvedAt: string | null;
  }[];
}
