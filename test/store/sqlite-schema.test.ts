import fs from 'node:fs';
import path from 'node:path';
import { Kysely, Migrator, sql } from 'kysely';
import sqlite3 from 'sqlite3';
import { describe, expect, it } from 'vitest';
import { migrations } from '../../src/store/migrations/index.ts';
import { Sqlite3Dialect } from '../../src/store/sqlite3-dialect.ts';

/**
 * `sqlite_master` after migrations 001-010 as they were before they learned PostgreSQL (dumped
 * from the commit before, 77180e6): the PostgreSQL spellings must not change one byte of SQLite's
 * schema, since existing SQLite databases were created by the old text.
 */
const BEFORE_POSTGRES = path.resolve(import.meta.dirname, '../fixtures/sqlite-schema-001-010.txt');

describe('the migrations on SQLite', () => {
  it('create exactly the schema they created before PostgreSQL support (001-010)', async () => {
    const db = new Kysely<unknown>({
      dialect: new Sqlite3Dialect(
        () =>
          new Promise((resolve, reject) => {
            const opened: sqlite3.Database = new sqlite3.Database(':memory:', (err) =>
              err ? reject(err) : resolve(opened),
            );
          }),
      ),
    });
    try {
      const migrator = new Migrator({ db, provider: { getMigrations: () => Promise.resolve(migrations) } });
      const { error } = await migrator.migrateTo('010-knowledge-changes');
      expect(error).toBeUndefined();
      const { rows } = await sql<{ type: string; name: string; tbl_name: string; sql: string | null }>`
        select type, name, tbl_name, sql from sqlite_master order by type, name`.execute(db);
      const dump = rows.map((r) => `${r.type} ${r.name} ${r.tbl_name}\n${r.sql ?? ''}\n\n`).join('');
      expect(dump).toBe(fs.readFileSync(BEFORE_POSTGRES, 'utf8'));
    } finally {
      await db.destroy();
    }
  });
});
