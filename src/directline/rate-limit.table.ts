/**
 * Row of `rate_limit_windows`: how many conversations one client (its address, hashed) started in
 * one fixed window, shared by every server process on the database.
 */
export interface RateLimitWindowTable {
  /** A hash of the limited key (the client address): the address itself is never stored. */
  key: string;
  /** The window's start, ISO-8601 UTC. */
  window_start: string;
  count: number;
}
