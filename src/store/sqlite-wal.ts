import fs from 'node:fs';
import path from 'node:path';

/** The WAL of each SQLite database `openDatabase` opened on a file, by its Kysely instance. */
const walOf = new WeakMap<object, SqliteWal>();

/**
 * The write-ahead log of one SQLite database file, and how much this process has written to it.
 *
 * In WAL mode with `synchronous = NORMAL`, a commit has appended its frames to `<file>-wal` (in
 * the operating system's cache) when it returns, and SQLite fsyncs that file only at a checkpoint.
 * {@link datasync} does what a `synchronous = FULL` commit would have done for them: `fdatasync` of
 * the WAL (SQLite's own call on Linux), which makes every frame written before it durable, whichever
 * commit wrote it, and needs neither the connection nor an SQL statement. The first call also syncs
 * the folder, as SQLite does for a new WAL, so the file itself survives.
 */
export class SqliteWal {
  /** Statements that may have written, finished on the connection so far (the driver counts them). */
  #writes = 0;
  #folderSynced = false;

  constructor(readonly file: string) {}

  /** Finished statements that may have written; a datasync started after a commit covers it. */
  get writes(): number {
    return this.#writes;
  }

  /** Called by the driver after every statement that is not a plain `select`. */
  noteWrite(): void {
    this.#writes += 1;
  }

  /** Makes every frame written to the WAL so far durable (and the database file, if there is no WAL). */
  async datasync(): Promise<void> {
    if (!this.#folderSynced) {
      await syncFile(path.dirname(this.file), 'fsync');
      this.#folderSynced = true;
    }
    try {
      await syncFile(`${this.file}-wal`, 'fdatasync');
    } catch (error) {
      // No WAL (nothing written yet, or emptied by a checkpoint): the pages are in the database file.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      await syncFile(this.file, 'fdatasync');
    }
  }

  /** Registers the WAL of the database `db` opened (`openDatabase` only). */
  static register(db: object, wal: SqliteWal): void {
    walOf.set(db, wal);
  }

  /** The WAL of a database opened on a SQLite file; undefined for PostgreSQL and `:memory:`. */
  static of(db: object): SqliteWal | undefined {
    return walOf.get(db);
  }
}

/** Opens, syncs and closes `file` (read-only: Linux syncs through any descriptor of the file). */
function syncFile(file: string, call: 'fsync' | 'fdatasync'): Promise<void> {
  return new Promise((resolve, reject) => {
    fs.open(file, 'r', (openError, fd) => {
      if (openError) return reject(openError);
      fs[call](fd, (syncError) => {
        fs.close(fd, (closeError) => {
          const error = syncError ?? closeError;
          if (error) reject(error);
          else resolve();
        });
      });
    });
  });
}
