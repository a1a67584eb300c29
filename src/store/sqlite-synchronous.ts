/**
 * When the server's writes reach the disk (`DATABASE_SYNCHRONOUS`; the database is in WAL mode).
 *
 * - `full`: SQLite's `synchronous = FULL`: every commit fsyncs the WAL before it returns.
 * - `request`: commits run with `synchronous = NORMAL` (written to the WAL, not fsynced), and
 *   before the server answers a request with data or a 2xx it syncs the WAL file, as a
 *   `synchronous = FULL` commit would ({@link Durability.sync}). The WAL is append-only, so that one
 *   sync also makes every earlier commit durable: what a client was told or shown survives an OS
 *   crash or power loss, as with `full`, for at most one sync per request (shared by the requests
 *   waiting at once) instead of one per commit.
 * - `normal`: SQLite's `synchronous = NORMAL` and no fsync per request: commits survive a process
 *   crash (kill -9), but the last ones before an OS crash or power loss may be lost.
 */
export const SQLITE_SYNCHRONOUS_MODES = ['full', 'request', 'normal'] as const;
export type SqliteSynchronous = (typeof SQLITE_SYNCHRONOUS_MODES)[number];

/** The `pragma synchronous` a connection runs its ordinary commits under, in each mode. */
export function connectionSynchronous(mode: SqliteSynchronous): 'full' | 'normal' {
  return mode === 'full' ? 'full' : 'normal';
}

/**
 * The mode for a process that answers no requests (a CLI command): its output acknowledges every
 * write it made, and nothing would make them durable before it, so `request` means `full` there.
 */
export function withoutRequests(mode: SqliteSynchronous): SqliteSynchronous {
  return mode === 'request' ? 'full' : mode;
}
