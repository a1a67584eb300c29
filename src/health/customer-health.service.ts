import type { CustomerHealthRepository, SignalsQuery } from './customer-health.repository.ts';
import type { CustomerProfileRepository } from './customer-profile.repository.ts';
import type { CustomerProfile } from './customer-profile.ts';
import { HEALTH_BANDS, type HealthBand, type HealthScore } from './health-score.ts';
import type { HealthScorecard } from './health-scorecard.ts';
import { scoreCustomer } from './health-scorer.ts';

/** A customer in the at-risk list. */
export interface CustomerHealthListItem {
  readonly id: number;
  readonly name: string | null;
  readonly email: string | null;
  readonly lastSeenAt: string;
  readonly openTickets: number;
  readonly health: HealthScore;
}

/** Which customers the list shows: one band (absent: all), a page of them. */
export interface AtRiskQuery {
  readonly band?: HealthBand | undefined;
  readonly limit: number;
  readonly offset: number;
}

/** What {@link CustomerHealthService} needs: its read models, the served scorecard and a clock. */
export interface CustomerHealthDeps {
  readonly signals: CustomerHealthRepository;
  readonly profiles: CustomerProfileRepository;
  /** The scorecard being served (hot-reloaded with the knowledge folder): read at every call. */
  readonly scorecard: () => HealthScorecard;
  readonly clock?: () => Date;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/**
 * Customer health: each customer's signals counted in SQL, scored by `scoreCustomer` under the
 * scorecard served right now (an edit to `health.yaml` applies from the next call, a bad edit
 * never does). The at-risk list is worst first: lowest score, then most recent contact, then id.
 */
export class CustomerHealthService {
  readonly #deps: CustomerHealthDeps;

  constructor(deps: CustomerHealthDeps) {
    this.#deps = deps;
  }

  /** Customers seen in the window or with an open ticket, scored, in `query.band`, worst first, one page. */
  async atRisk(query: AtRiskQuery): Promise<{ customers: CustomerHealthListItem[]; total: number }> {
    const scorecard = this.#deps.scorecard();
    const rows = await this.#deps.signals.signals(this.#query(scorecard));
    const scored = rows
      .map((row) => ({
        id: row.id,
        name: row.name,
        email: row.email,
        lastSeenAt: row.lastSeenAt,
        openTickets: row.signals.openTickets,
        health: scoreCustomer(row.signals, scorecard),
      }))
      .filter((item) => query.band === undefined || item.health.band === query.band);
    scored.sort(
      (a, b) =>
        a.health.score - b.health.score ||
        HEALTH_BANDS.indexOf(a.health.band) - HEALTH_BANDS.indexOf(b.health.band) ||
        (a.lastSeenAt < b.lastSeenAt ? 1 : a.lastSeenAt > b.lastSeenAt ? -1 : 0) ||
        a.id - b.id,
    );
    return { customers: scored.slice(query.offset, query.offset + query.limit), total: scored.length };
  }

  /** The health of each of `customerIds` that exists (one statement for all of them). */
  async scores(customerIds: readonly number[]): Promise<Map<number, HealthScore>> {
    const scorecard = this.#deps.scorecard();
    const unique = [...new Set(customerIds)];
    const rows = await this.#deps.signals.signals({ ...this.#query(scorecard), customerIds: unique });
    return new Map(rows.map((row) => [row.id, scoreCustomer(row.signals, scorecard)]));
  }

  /** The customer's profile, or undefined when there is no such customer. */
  async profile(customerId: number): Promise<CustomerProfile | undefined> {
    const customer = await this.#deps.profiles.customer(customerId);
    if (customer === undefined) return undefined;
    const [scores, conversations, tickets] = await Promise.all([
      this.scores([customerId]),
      this.#deps.profiles.conversations(customerId),
      this.#deps.profiles.tickets(customerId),
    ]);
    const health = scores.get(customerId);
    // Deleted between the two reads (a merge): the profile would describe nobody.
    if (health === undefined) return undefined;
    return { customer, health, conversations, tickets };
  }

  #query(scorecard: HealthScorecard): SignalsQuery {
    const now = (this.#deps.clock?.() ?? new Date()).getTime();
    return {
      since: new Date(now - scorecard.windowDays * DAY_MS).toISOString(),
      unresolvedBefore: new Date(now - scorecard.unresolvedHours * HOUR_MS).toISOString(),
      lowCsatMaxRating: scorecard.lowCsatMaxRating,
      repeatSeconds: scorecard.repeatContactDays * 86_400,
    };
  }
}
