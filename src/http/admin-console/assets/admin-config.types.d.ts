/**
 * What the admin page's scripts read from its JSON config block (`#admin-console-config`).
 * The server builds it (`admin-console.routes.ts`) against this same type.
 */
export interface AdminConsoleClientConfig {
  /** Path of the agent API (sign-in: `GET /me`). */
  readonly agentApiPath: string;
  /** Path of the admin API (suggestions, entries). */
  readonly adminApiPath: string;
  /** Chart.js's browser build on this server, loaded by the overview when it first draws. */
  readonly chartLibraryUrl: string;
}
