/**
 * What the console scripts read from the page's JSON config block (`#agent-console-config`).
 * The server builds it (`agent-console.routes.ts`) against this same type.
 */
export interface AgentConsoleClientConfig {
  /** Path of the agent API on this server. */
  readonly apiPath: string;
  /** How often the queue and the open ticket are re-read. */
  readonly pollMs: number;
  /** Tickets per queue page (the API allows at most 100). */
  readonly pageSize: number;
}
