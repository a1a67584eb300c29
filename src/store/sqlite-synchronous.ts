/**
 * SQLite's `synchronous` setting in WAL mode. `full`: every commit is fsynced before it returns, so
 * a committed write survives an OS crash or power loss. `normal`: commits survive a process crash
 * (kill -9), but the last ones before an OS crash or power loss may be lost.
 */
export const SQLITE_SYNCHRONOUS_MODES = ['full', 'normal'] as const;
export type SqliteSynchronous = (typeof SQLITE_SYNCHRONOUS_MODES)[number];
