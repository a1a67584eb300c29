/**
 * What a customer's support history shows over the scorecard's window, counted in SQL by
 * `CustomerHealthRepository`: plain counts, before any weighting.
 */
export interface CustomerSignals {
  /** Tickets new, open or pending, whatever their age. */
  readonly openTickets: number;
  /** Tickets opened in the window. */
  readonly recentTickets: number;
  /** Customer messages in the window classified as complaints, by severity. */
  readonly complaints: {
    readonly low: number;
    readonly medium: number;
    readonly high: number;
    readonly critical: number;
  };
  /** Customer messages in the window that got a sentiment label, and how many of them read negative. */
  readonly analysedMessages: number;
  readonly negativeMessages: number;
  /** Tickets in the window rated at most the scorecard's low rating. */
  readonly lowCsat: number;
  /** Tickets solved in the window without a rating. */
  readonly missingCsat: number;
  /** Contacts in the window on a topic the customer raised in another conversation shortly before. */
  readonly repeatContact: number;
  /** Tickets still not solved past the scorecard's limit. */
  readonly unresolvedTickets: number;
}

/** Signals of a customer with no history: every count 0. */
export const NO_SIGNALS: CustomerSignals = {
  openTickets: 0,
  recentTickets: 0,
  complaints: { low: 0, medium: 0, high: 0, critical: 0 },
  analysedMessages: 0,
  negativeMessages: 0,
  lowCsat: 0,
  missingCsat: 0,
  repeatContact: 0,
  unresolvedTickets: 0,
};
