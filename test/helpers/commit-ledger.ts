import fs from 'node:fs';
import sqlite3 from 'sqlite3';
import { vi } from 'vitest';

/** One commit as SQLite ran it: an explicit `commit`, or a write outside a transaction. */
interface LedgerCommit {
  readonly kind: 'commit';
  /** The connection's `pragma synchronous` when the commit ran: only `full` fsyncs the WAL. */
  readonly synchronous: 'full' | 'normal' | 'unknown';
  readonly sql: string;
}
interface LedgerMark {
  readonly kind: 'mark';
  readonly label: string;
}
/** A statement that writes nothing (a read, a pragma, `begin`). */
interface LedgerRead {
  readonly kind: 'read';
  readonly sql: string;
}
/**
 * An fsync or fdatasync of a file (the WAL, by `Durability.sync`): it makes every commit before it
 * durable, as a commit with `synchronous = full` would.
 */
interface LedgerFileSync {
  readonly kind: 'file-sync';
  readonly call: 'fsync' | 'fdatasync';
}
type LedgerEvent = LedgerCommit | LedgerMark | LedgerRead | LedgerFileSync;

/** Every commit the `sqlite3` package runs in this process, in order, with marks in between. */
export interface CommitLedger {
  readonly events: readonly LedgerEvent[];
  /** Records that something was told to a client (a response sent, a frame pushed). */
  mark(label: string): void;
  /**
   * For each mark: whether everything committed before it was durable then, i.e. the last commit
   * before it ran with `synchronous = full` or a file sync came after it (the WAL fsync covers
   * every earlier frame). With
   * `decidedBy`, only commits before the last read matching it count (what the mark can show),
   * for marks that concurrent writers may precede.
   */
  durableAtMarks(decidedBy?: RegExp): Array<{ label: string; durable: boolean; lastCommit: string | undefined }>;
  commits(): LedgerCommit[];
  /** How many SQL statements ran (every kind: reads, pragmas, begin, writes, commit). */
  statements(): number;
  /** How many times `call` (fsync, fdatasync) ran. */
  fileSyncs(call: LedgerFileSync['call']): number;
  restore(): void;
}

const WRITE = /^\s*(insert|update|delete|replace|create|alter|drop)\b/i;

/**
 * The connection that prepared each statement this process prepares. The driver prepares a
 * statement once and runs it for the connection's lifetime, so a ledger started later must still
 * know whose statement a run is: this is recorded from the moment this module loads, before any
 * test opens a database.
 */
const preparedOn = new WeakMap<object, sqlite3.Database>();
const prepare = sqlite3.Database.prototype.prepare as (this: sqlite3.Database, ...args: unknown[]) => sqlite3.Statement;
sqlite3.Database.prototype.prepare = function recordingPrepare(this: sqlite3.Database, ...args: unknown[]) {
  const statement = prepare.apply(this, args);
  preparedOn.set(statement, this);
  return statement;
} as typeof sqlite3.Database.prototype.prepare;

/**
 * Spies on `sqlite3.Statement#run` and `#all` (what the project's driver calls on the statements
 * it keeps prepared), `sqlite3.Database#run`, `#all` and `#exec` (the driver awaits each before it
 * issues the next, so call order is execution order) and replays
 * `pragma synchronous`, `begin`, `commit` and autocommitted writes per connection; and on
 * `fs.fsync` and `fs.fdatasync` (noted when called: they cover what was written before).
 */
export function recordCommits(): CommitLedger {
  const events: LedgerEvent[] = [];
  let statements = 0;
  const state = new WeakMap<
    object,
    { synchronous: LedgerCommit['synchronous']; inTransaction: boolean; wrote: boolean }
  >();
  const see = (db: object, text: string): void => {
    const connection = state.get(db) ?? { synchronous: 'unknown', inTransaction: false, wrote: false };
    state.set(db, connection);
    for (const statement of text
      .split(';')
      .map((s) => s.trim())
      .filter((s) => s !== '')) {
      statements += 1;
      const pragma = /^pragma\s+synchronous\s*=\s*(\w+)$/i.exec(statement);
      if (pragma !== null) connection.synchronous = pragma[1]?.toLowerCase() === 'full' ? 'full' : 'normal';
      if (/^begin\b/i.test(statement)) {
        connection.inTransaction = true;
        connection.wrote = false;
      } else if (/^(commit|end)\b/i.test(statement)) {
        connection.inTransaction = false;
        // A transaction that changed nothing writes no WAL frame: it is no commit to cover.
        if (connection.wrote) events.push({ kind: 'commit', synchronous: connection.synchronous, sql: statement });
      } else if (/^rollback\b/i.test(statement)) connection.inTransaction = false;
      else if (WRITE.test(statement)) {
        if (connection.inTransaction) connection.wrote = true;
        else events.push({ kind: 'commit', synchronous: connection.synchronous, sql: statement });
      } else events.push({ kind: 'read', sql: statement });
    }
  };
  const proto = sqlite3.Database.prototype;
  const databaseSpies = (['run', 'all', 'exec'] as const).map((method) => {
    const original = proto[method] as (this: sqlite3.Database, sql: string, ...rest: unknown[]) => sqlite3.Database;
    return vi.spyOn(proto, method).mockImplementation(function spied(
      this: sqlite3.Database,
      sql: string,
      ...rest: unknown[]
    ) {
      see(this, sql);
      return original.call(this, sql, ...rest);
    } as never);
  });
  const statementProto = sqlite3.Statement.prototype;
  const statementSpies = (['run', 'all'] as const).map((method) => {
    const original = statementProto[method] as (this: sqlite3.Statement, ...rest: unknown[]) => sqlite3.Statement;
    return vi.spyOn(statementProto, method).mockImplementation(function spied(
      this: sqlite3.Statement & { readonly sql: string },
      ...rest: unknown[]
    ) {
      see(preparedOn.get(this) ?? this, this.sql);
      return original.apply(this, rest);
    } as never);
  });
  const spies = [...databaseSpies, ...statementSpies];
  const fileSpies = (['fsync', 'fdatasync'] as const).map((method) => {
    const original = fs[method];
    return vi.spyOn(fs, method).mockImplementation(((...args: Parameters<typeof fs.fsync>) => {
      events.push({ kind: 'file-sync', call: method });
      return original(...args);
    }) as never);
  });
  return {
    events,
    mark: (label) => events.push({ kind: 'mark', label }),
    commits: () => events.filter((e): e is LedgerCommit => e.kind === 'commit'),
    statements: () => statements,
    fileSyncs: (call) => events.filter((e) => e.kind === 'file-sync' && e.call === call).length,
    durableAtMarks(decidedBy) {
      const out: Array<{ label: string; durable: boolean; lastCommit: string | undefined }> = [];
      let last: { commit: LedgerCommit; at: number } | undefined;
      let lastFull = -1;
      let decided: { at: number; last: typeof last } | undefined;
      events.forEach((event, at) => {
        if (event.kind === 'commit') {
          last = { commit: event, at };
          if (event.synchronous === 'full') lastFull = at;
        } else if (event.kind === 'file-sync') {
          lastFull = at;
        } else if (event.kind === 'read') {
          if (decidedBy?.test(event.sql) === true) decided = { at, last };
        } else {
          const seen = decidedBy === undefined ? { at, last } : decided;
          // Durable if the last commit it can show ran FULL, or a FULL commit or a file sync came after it.
          const durable = seen?.last === undefined || lastFull >= seen.last.at;
          const shown = seen?.last?.commit;
          out.push({
            label: event.label,
            durable,
            lastCommit: shown === undefined ? undefined : `${shown.synchronous}: ${shown.sql.slice(0, 60)}`,
          });
        }
      });
      return out;
    },
    restore: () => {
      for (const spy of [...spies, ...fileSpies]) spy.mockRestore();
    },
  };
}
